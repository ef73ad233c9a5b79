package dev.chatbot.connectors.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.chatbot.core.conversation.Message;
import dev.chatbot.core.conversation.MessageSource;

import java.util.List;

/**
 * Frames the server sends to the widget (contracts section 6). Each record serialises to one JSON object with
 * a {@code type}; optional fields are left out when empty.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public sealed interface ServerFrame {

    String type();

    /** The customer message with this client id is stored as {@code seq}. */
    @JsonPropertyOrder({"type", "clientId", "seq"})
    record Ack(String clientId, long seq) implements ServerFrame {
        public String type() {
            return "ack";
        }
    }

    /** A stored message. {@code clientId} (customer messages) and {@code author} (agents) extend the contract. */
    @JsonPropertyOrder({"type", "seq", "role", "text", "ts", "quickReplies", "sources", "clientId", "author"})
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record MessageFrame(long seq, String role, String text, String ts, List<String> quickReplies,
                        List<Source> sources, String clientId, String author) implements ServerFrame {
        public String type() {
            return "message";
        }

        public static MessageFrame of(Message m) {
            return new MessageFrame(m.seq(), m.role().wireName(), m.text(), m.createdAt().toString(),
                    m.quickReplies(), m.sources().stream().map(Source::of).toList(),
                    m.clientId().orElse(null), m.author().orElse(null));
        }
    }

    /** Where an answer came from. */
    record Source(String id, String title) {
        static Source of(MessageSource s) {
            return new Source(s.id(), s.title());
        }
    }

    /** A streamed piece of the answer to the customer message {@code replyTo}. */
    @JsonPropertyOrder({"type", "replyTo", "delta"})
    record Partial(String replyTo, String delta) implements ServerFrame {
        public String type() {
            return "partial";
        }
    }

    /** The conversation's state. */
    @JsonPropertyOrder({"type", "state"})
    record State(String state) implements ServerFrame {
        public String type() {
            return "state";
        }
    }

    /** Someone on the other side is typing (extension: the contract names {@code typing} client to server only). */
    @JsonPropertyOrder({"type", "role"})
    record Typing(String role) implements ServerFrame {
        public String type() {
            return "typing";
        }
    }

    /** Something the client sent was refused; the connection stays open unless the close code says otherwise. */
    @JsonPropertyOrder({"type", "code", "message"})
    record Error(String code, String message) implements ServerFrame {
        public String type() {
            return "error";
        }
    }
}
