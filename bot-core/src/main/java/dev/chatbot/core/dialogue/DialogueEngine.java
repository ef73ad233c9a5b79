package dev.chatbot.core.dialogue;

/**
 * Decides the bot's turn after a customer message. Called off I/O threads, one turn at a time per
 * conversation; may block (NLU, CRM, LLM) but must respect its own time limits.
 */
public interface DialogueEngine {

    BotTurn respond(TurnInput input);
}
