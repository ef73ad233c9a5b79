package dev.chatbot.core.dialogue;

/**
 * A trivial engine used until the NLU-driven engine is configured: it acknowledges every message with a
 * fixed answer, so the whole path (store, reply, fan-out, resume) can be exercised end to end.
 */
public final class PlaceholderDialogueEngine implements DialogueEngine {

    static final String ANSWER = "Thanks for your message. I can't understand requests yet, "
            + "but a person will be able to help you soon.";

    @Override
    public BotTurn respond(TurnInput input) {
        return BotTurn.reply(ANSWER);
    }
}
