package dev.chatbot.core.agent;

/**
 * The sentiment of a customer message as the bot's NLU saw it, read back from the turn's trace.
 *
 * @param label      {@code negative}, {@code neutral} or {@code positive}
 * @param negativity 0 (not negative at all) to 1 (certainly negative)
 * @param customerSeq the customer message it belongs to
 */
public record Sentiment(String label, double negativity, long customerSeq) {
}
