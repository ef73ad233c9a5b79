package dev.chatbot.core.dialogue;

import dev.chatbot.core.conversation.ConversationState;
import dev.chatbot.core.conversation.Escalation;
import dev.chatbot.core.conversation.NewMessage;

import java.util.List;
import java.util.Optional;

/**
 * The bot's decision for one turn.
 *
 * @param replies   messages to store and send, in order (may be empty)
 * @param nextState     the state the conversation moves to, if it changes (not used when {@code escalation} is set)
 * @param escalation    set when the turn hands the conversation to a person, with the reason
 * @param dialogueState what the engine wants to remember for the next turn (opaque JSON), if anything
 * @param trace         the turn's trace (JSON: NLU scores, candidates, the winning policy and why), if any
 */
public record BotTurn(List<NewMessage> replies, Optional<ConversationState> nextState, Optional<Escalation> escalation,
                      Optional<String> dialogueState, Optional<String> trace) {

    public BotTurn {
        replies = List.copyOf(replies);
    }

    public BotTurn(List<NewMessage> replies, Optional<ConversationState> nextState) {
        this(replies, nextState, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static BotTurn reply(String text) {
        return new BotTurn(List.of(NewMessage.bot(text)), Optional.empty());
    }
}
