package dev.chatbot.nlp.data;

import java.util.List;

/**
 * One FAQ entry.
 *
 * @param id           stable id, unique across all FAQ files
 * @param topic        the topic of the file it is in
 * @param question     canonical question
 * @param alternatives paraphrases of the question
 * @param answer       plain-text answer
 * @param tags         optional tags
 * @param source       file and line of the entry
 */
public record FaqEntry(String id, String topic, String question, List<String> alternatives, String answer,
                       List<String> tags, SourceRef source) {

    public FaqEntry {
        alternatives = List.copyOf(alternatives);
        tags = List.copyOf(tags);
    }
}
