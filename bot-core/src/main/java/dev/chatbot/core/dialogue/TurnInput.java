package dev.chatbot.core.dialogue;

import dev.chatbot.core.conversation.Conversation;
import dev.chatbot.core.conversation.Message;

import java.util.List;

/**
 * What the dialogue engine sees for one turn.
 *
 * @param conversation    the conversation as stored before the turn
 * @param customerMessage the customer's message to answer
 * @param history         the conversation's recent messages, oldest first, ending with the customer message
 * @param partials        where streamed pieces of the answer go (for the LLM fallback)
 * @param dialogueState   what the engine remembered after the previous turn (opaque JSON, empty at first)
 */
public record TurnInput(Conversation conversation, Message customerMessage, List<Message> history,
                        PartialSink partials, String dialogueState) {

    public TurnInput {
        history = List.copyOf(history);
    }

    public TurnInput(Conversation conversation, Message customerMessage, List<Message> history, PartialSink partials) {
        this(conversation, customerMessage, history, partials, "");
    }
}
