package dev.chatbot.core.conversation;

import java.time.Instant;

/**
 * Why a conversation was handed to a person: the signal that fired, its score, and a sentence for the agent.
 *
 * @param signal e.g. {@code explicit_request}, {@code negative_sentiment}, {@code sentiment_worsening},
 *               {@code repeated_fallback}, {@code risky_intent}, {@code refund_above_limit}, {@code accepted_offer}
 * @param score  the signal's value (a probability, a count or an amount), for sorting and display
 * @param detail one sentence for the agent, e.g. "negative sentiment 0.93 over threshold 0.85"
 * @param at     when it happened
 */
public record Escalation(String signal, double score, String detail, Instant at) {
}
