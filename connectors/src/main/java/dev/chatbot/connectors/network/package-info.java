/**
 * Connection-level defences of the HTTP and WebSocket server, below the controllers: a deadline for every request
 * to arrive (slowloris), a bound on how far a permessage-deflate frame may inflate, the client's address behind
 * trusted reverse proxies, and per-address limits on widget sessions, chat sockets and chat messages. Netty
 * handlers are added through Micronaut's {@code NettyServerCustomizer}; nothing here blocks the event loop.
 */
package dev.chatbot.connectors.network;
