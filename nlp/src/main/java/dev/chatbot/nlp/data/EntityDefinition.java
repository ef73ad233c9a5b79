package dev.chatbot.nlp.data;

import java.util.List;

/**
 * One entity file: how to find an entity type besides the learned finder.
 *
 * @param name     entity type name
 * @param patterns regular expressions (Java syntax) that match the entity
 * @param values   lookup values, each with its synonyms
 * @param source   the file
 */
public record EntityDefinition(String name, List<String> patterns, List<LookupValue> values, SourceRef source) {

    public EntityDefinition {
        patterns = List.copyOf(patterns);
        values = List.copyOf(values);
    }

    /** A canonical value and the other ways customers write it. */
    public record LookupValue(String value, List<String> synonyms) {
        public LookupValue {
            synonyms = List.copyOf(synonyms);
        }
    }
}
