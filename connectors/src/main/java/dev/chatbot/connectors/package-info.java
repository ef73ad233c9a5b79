/**
 * The runnable server and its edges: the command-line entry point, the WebSocket gateway for the widget,
 * the HTTP APIs, storage on JDBC, and the adapters for the CRM and the LLM. Everything here adapts a
 * technology to a port of the dialogue layer.
 */
package dev.chatbot.connectors;
