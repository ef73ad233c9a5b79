package dev.chatbot.nlp;

/** A label with its score (a probability unless the producer documents otherwise). */
public record ScoredLabel(String label, double score) {
}
