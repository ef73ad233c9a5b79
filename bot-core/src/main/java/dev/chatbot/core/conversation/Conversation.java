package dev.chatbot.core.conversation;

import java.time.Instant;
import java.util.Optional;

/**
 * A conversation between one customer and the bot (and later an agent).
 *
 * @param id            opaque id (a random UUID)
 * @param state         current state
 * @param locale        the widget's locale, e.g. {@code en}
 * @param customerEmail the e-mail the customer gave in the widget, if any (not proof of identity)
 * @param lastSeq       sequence number of the newest message, 0 when there is none
 * @param createdAt     creation time
 * @param updatedAt     time of the last message or state change
 * @param escalation    why it was last handed to a person, if it ever was
 * @param assignedAgent the agent who claimed it, while one has it
 */
public record Conversation(String id, ConversationState state, String locale, Optional<String> customerEmail,
                           long lastSeq, Instant createdAt, Instant updatedAt, Optional<Escalation> escalation,
                           Optional<String> assignedAgent) {

    /** A conversation that has never been escalated nor claimed. */
    public Conversation(String id, ConversationState state, String locale, Optional<String> customerEmail,
                        long lastSeq, Instant createdAt, Instant updatedAt) {
        this(id, state, locale, customerEmail, lastSeq, createdAt, updatedAt, Optional.empty(), Optional.empty());
    }
}
