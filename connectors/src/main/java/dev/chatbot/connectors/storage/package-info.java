/**
 * Storage on JDBC: the connection pool, schema migrations (Flyway, portable SQL that runs unchanged on the
 * embedded H2 database and on PostgreSQL) and the JDBC implementations of the storage ports.
 */
package dev.chatbot.connectors.storage;
