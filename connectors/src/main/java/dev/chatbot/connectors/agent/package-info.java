/**
 * The agents' side of the server: the agent REST API under {@code /api/agent} (queue, conversation with its traces and
 * CRM card, claim, reply, notes, canned replies, hand back, resolve), the {@code /ws/agent} socket that pushes
 * conversation events to every open console, and the JDBC store of private notes. Authentication and roles are
 * checked before any of this runs, by {@code dev.chatbot.connectors.auth}.
 */
package dev.chatbot.connectors.agent;
