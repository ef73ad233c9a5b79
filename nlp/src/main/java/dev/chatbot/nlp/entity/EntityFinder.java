package dev.chatbot.nlp.entity;

import dev.chatbot.nlp.EntityMention;

import java.util.List;

/** Finds entity mentions of one or more types in a message. Thread-safe; never throws on odd text. */
public interface EntityFinder {

    /** Mentions found, in any order; they may overlap (the recognizer resolves overlaps). */
    List<EntityMention> find(String text);

    /** True for rule, regex and lookup finders, which win over a learned finder on overlaps. */
    default boolean deterministic() {
        return true;
    }
}
