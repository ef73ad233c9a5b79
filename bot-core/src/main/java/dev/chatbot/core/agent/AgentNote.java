package dev.chatbot.core.agent;

import java.time.Instant;

/**
 * A private note an agent wrote on a conversation. Notes are for agents only: they are never stored as messages and
 * never reach the customer's widget.
 */
public record AgentNote(long id, String conversationId, String author, String authorName, String text, Instant createdAt) {
}
