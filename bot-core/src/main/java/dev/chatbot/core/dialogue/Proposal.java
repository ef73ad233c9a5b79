package dev.chatbot.core.dialogue;

import java.util.function.Supplier;

/**
 * A policy's bid for the turn: its priority (higher wins), a score to break ties, why it applies (recorded in the
 * trace whether it wins or not), and the action that produces the turn if it wins. Only the winner's action runs.
 */
public record Proposal(String policy, int priority, double score, String reason, Supplier<TurnOutcome> action) {
}
