/**
 * What the server measures about itself and how an operator reads it: latency histograms of the chat gateway (a
 * customer frame received to its {@code ack} written, and to the bot's reply written) in Prometheus' text format, at
 * {@code GET /api/admin/metrics} (admin role) and, only when a metrics token is configured, at {@code GET /metrics}
 * with that token. Nothing here is open to the public by default, and nothing here holds customer data.
 */
package dev.chatbot.connectors.metrics;
