/**
 * The two implementations of the CRM port ({@code dev.chatbot.core.crm.CrmClient}) and their wiring: the embedded
 * demo CRM, a few JDBC tables in the server's own database seeded with documented demo customers and orders, and
 * the HTTP CRM of contracts section 4 on the JDK's HTTP client, with time-outs, safe retries, encoded URLs, strict
 * and size-capped parsing. Both behave the same; one contract test suite holds them to it. See {@code docs/crm.md}.
 */
package dev.chatbot.connectors.crm;
