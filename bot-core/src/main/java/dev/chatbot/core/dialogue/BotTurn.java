package dev.chatbot.core.dialogue;

import dev.chatbot.core.conversation.ConversationState;
import dev.chatbot.core.conversation.NewMessage;

import java.util.List;
import java.util.Optional;

/**
 * The bot's decision for one turn.
 *
 * @param replies   messages to store and send, in order (may be empty)
 * @param nextState the state the conversation moves to, if it changes
 */
public record BotTurn(List<NewMessage> replies, Optional<ConversationState> nextState) {

    public BotTurn {
        replies = List.copyOf(replies);
    }

    public static BotTurn reply(String text) {
        return new BotTurn(List.of(NewMessage.bot(text)), Optional.empty());
    }
}
