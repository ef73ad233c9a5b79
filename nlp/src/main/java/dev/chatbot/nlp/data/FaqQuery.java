package dev.chatbot.nlp.data;

import java.util.List;

/**
 * A test query for FAQ retrieval (test folders only).
 *
 * @param text     what a customer asked
 * @param relevant ids of the entries that answer it
 * @param source   file and line
 */
public record FaqQuery(String text, List<String> relevant, SourceRef source) {

    public FaqQuery {
        relevant = List.copyOf(relevant);
    }
}
