/**
 * Rerunnable benchmarks: a load client for the chat gateway on the JDK's WebSocket client, reporting turns per
 * second and latency percentiles. Results and the commands that produced them are in docs/benchmarks.md.
 */
package dev.chatbot.bench;
