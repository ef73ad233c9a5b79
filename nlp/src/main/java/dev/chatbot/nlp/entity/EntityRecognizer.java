package dev.chatbot.nlp.entity;

import dev.chatbot.nlp.EntityMention;

import java.util.List;

/** Finds the entities of a message, overlaps resolved, in text order, with normalised values. Thread-safe. */
public interface EntityRecognizer {

    List<EntityMention> recognize(String text);
}
