/**
 * The reference ceiling for gateway benchmarks: a bare Netty HTTP and WebSocket server that speaks just enough of
 * the widget protocol (docs/protocol.md) for {@code ChatLoad} to run unchanged against it, and keeps conversations
 * in memory with no storage and no NLU. A turn measured against it costs only the sockets, the framing and the JSON,
 * so the real server's numbers can be given as a ratio to what the same machine and client can do at all.
 */
package dev.chatbot.bench.ceiling;
