package dev.chatbot.core.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One stored message. Sequence numbers are per conversation, start at 1, have no gaps and never repeat.
 *
 * @param conversationId the conversation
 * @param seq            sequence number in the conversation
 * @param role           who wrote it
 * @param text           plain text (never interpreted as HTML by any client)
 * @param createdAt      when it was stored
 * @param clientId       the client's id for a customer message (for idempotent retries), if any
 * @param author         display name of the author for agent messages, if any
 * @param quickReplies   suggested replies the customer can tap
 * @param sources        the sources of a bot answer
 */
public record Message(String conversationId, long seq, Role role, String text, Instant createdAt,
                      Optional<String> clientId, Optional<String> author, List<String> quickReplies,
                      List<MessageSource> sources) {

    public Message {
        quickReplies = List.copyOf(quickReplies);
        sources = List.copyOf(sources);
    }
}
