package dev.chatbot.nlp.data;

/**
 * One sentiment example.
 *
 * @param text   the message
 * @param label  {@code negative}, {@code neutral} or {@code positive}
 * @param source file and line
 */
public record SentimentExample(String text, String label, SourceRef source) {
}
