/**
 * Connection-scale load on the chat gateway: a Netty WebSocket client that holds thousands of widget sockets in one
 * process ({@link dev.chatbot.bench.conn.WidgetNetwork}, {@link dev.chatbot.bench.conn.WidgetClient}), the scenarios
 * that drive it (idle and chatting connections with the server's heap per connection, reconnect storms, the LLM
 * fallback under load), the heap probe that reads a server's heap through {@code jcmd}, and a slow Ollama-protocol
 * test double. Run through {@code bench/connections.sh}, {@code bench/reconnect-storm.sh} and
 * {@code bench/llm-load.sh}; see docs/benchmarks.md.
 */
package dev.chatbot.bench.conn;
