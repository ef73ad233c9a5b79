/**
 * Test support: a real server on a random port with its own home folder, a chat client on the JDK's WebSocket
 * client, a raw WebSocket client for frames the JDK client refuses to send (invalid UTF-8, huge single frames,
 * binary), and throwaway PostgreSQL databases on the machine's server.
 */
package dev.chatbot.connectors.testing;
