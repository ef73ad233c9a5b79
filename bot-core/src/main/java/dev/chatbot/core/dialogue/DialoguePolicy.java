package dev.chatbot.core.dialogue;

import java.util.Optional;

/**
 * One way of answering a turn (escalate, continue a form, run a handler, send a fixed reply, answer from the FAQ,
 * ask the LLM, admit defeat). Every policy looks at the turn and may propose; the engine picks one proposal.
 * Proposing has no side effects.
 */
public interface DialoguePolicy {

    String name();

    Optional<Proposal> propose(TurnContext turn);
}
