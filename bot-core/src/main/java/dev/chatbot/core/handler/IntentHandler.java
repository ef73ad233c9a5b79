package dev.chatbot.core.handler;

import dev.chatbot.core.dialogue.DialogueState;
import dev.chatbot.core.dialogue.TurnContext;
import dev.chatbot.core.dialogue.TurnOutcome;

/**
 * A rule handler named in an intent file ({@code handler: refund_request}). It works like a form: each turn it takes
 * what the message gives, asks for what is still missing, and acts once it has everything. When it is finished it
 * clears {@code turn.state().form}; while it needs more it leaves its form there.
 */
public interface IntentHandler {

    /** The name intent files use. */
    String name();

    /** Takes one step of the form. */
    TurnOutcome step(DialogueState.FormState form, TurnContext turn);
}
