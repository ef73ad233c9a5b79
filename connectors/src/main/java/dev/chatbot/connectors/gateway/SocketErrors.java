package dev.chatbot.connectors.gateway;

import io.micronaut.websocket.CloseReason;

/** Error codes and close reasons of the chat socket, as documented in docs/protocol.md. */
public final class SocketErrors {

    public static final String INVALID_RESUME = "invalid_resume";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String STORE_UNAVAILABLE = "store_unavailable";
    public static final String INTERNAL_ERROR = "internal_error";
    public static final String CONVERSATION_CLOSED = "conversation_closed";
    public static final String TOO_MANY_CONNECTIONS = "too_many_connections";

    /** The token is missing, malformed, forged or expired. */
    public static final CloseReason INVALID_TOKEN = new CloseReason(4401, "invalid or expired token");
    /** The page's origin is not allowed to open the chat socket. */
    public static final CloseReason ORIGIN_NOT_ALLOWED = new CloseReason(1008, "origin not allowed");
    /** The client's address already has as many chat sockets open as it may. */
    public static final CloseReason TOO_MANY_FROM_ADDRESS = new CloseReason(1008, "too many connections from this address");
    /** The server is shutting down; reconnect and resume. */
    public static final CloseReason SHUTTING_DOWN = new CloseReason(1001, "server shutting down");

    private SocketErrors() {
    }
}
