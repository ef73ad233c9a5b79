package dev.chatbot.core.conversation;

import java.util.List;
import java.util.Optional;

/**
 * A message about to be stored; the store assigns its sequence number and time.
 *
 * @param role         who wrote it
 * @param text         plain text
 * @param clientId     client-generated id of a customer message; a second message with the same id in the
 *                     same conversation is the same message (a retry) and is not stored twice
 * @param author       display name of an agent author
 * @param quickReplies suggested replies
 * @param sources      sources of a bot answer
 */
public record NewMessage(Role role, String text, Optional<String> clientId, Optional<String> author,
                         List<String> quickReplies, List<MessageSource> sources) {

    public NewMessage {
        quickReplies = List.copyOf(quickReplies);
        sources = List.copyOf(sources);
    }

    public static NewMessage customer(String clientId, String text) {
        return new NewMessage(Role.CUSTOMER, text, Optional.of(clientId), Optional.empty(), List.of(), List.of());
    }

    public static NewMessage bot(String text) {
        return new NewMessage(Role.BOT, text, Optional.empty(), Optional.empty(), List.of(), List.of());
    }

    public static NewMessage system(String text) {
        return new NewMessage(Role.SYSTEM, text, Optional.empty(), Optional.empty(), List.of(), List.of());
    }
}
