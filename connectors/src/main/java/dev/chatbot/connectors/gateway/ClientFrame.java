package dev.chatbot.connectors.gateway;

import java.util.Optional;

/** Frames the widget sends to the server (contracts section 6), after validation. */
public sealed interface ClientFrame {

    /** A customer message; {@code clientId} makes retries idempotent. */
    record SendMessage(String clientId, String text) implements ClientFrame {
    }

    /** Replay every message after {@code afterSeq}. */
    record Resume(long afterSeq) implements ClientFrame {
    }

    /** The customer is typing. */
    record Typing() implements ClientFrame {
    }

    /** The customer rates the conversation. */
    record Rating(int score, Optional<String> comment) implements ClientFrame {
    }
}
