package dev.chatbot.nlp;

/**
 * One entity found in a message.
 *
 * @param type       entity type, e.g. {@code order_id}, {@code email}, {@code amount}, {@code date}
 * @param text       the covered text as written by the customer
 * @param start      start offset (inclusive) in {@link NluResult#text()}
 * @param end        end offset (exclusive)
 * @param value      the normalised value a handler can use: canonical lookup value, upper-cased order id,
 *                   lower-cased e-mail, ISO-8601 date ({@code 2026-03-12}), amount as {@code 12.50 EUR}
 * @param source     which finder produced it: {@code regex}, {@code lookup}, {@code model} or {@code rule}
 * @param confidence the finder's confidence, 1.0 for deterministic finders
 */
public record EntityMention(String type, String text, int start, int end, String value, String source,
                            double confidence) {
}
