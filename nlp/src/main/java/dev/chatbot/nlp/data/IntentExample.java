package dev.chatbot.nlp.data;

import java.util.List;

/**
 * One example utterance of an intent.
 *
 * @param text     the plain text with entity marks removed
 * @param entities the marked entities, in order of appearance
 * @param source   file and line of the example
 */
public record IntentExample(String text, List<EntitySpan> entities, SourceRef source) {

    public IntentExample {
        entities = List.copyOf(entities);
    }

    public static IntentExample of(String text) {
        return new IntentExample(text, List.of(), SourceRef.MEMORY);
    }
}
