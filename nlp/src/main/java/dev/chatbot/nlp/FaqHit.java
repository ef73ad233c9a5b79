package dev.chatbot.nlp;

/**
 * One FAQ entry retrieved for a query.
 *
 * @param id       the entry's stable id from the training data
 * @param topic    the topic (file) it belongs to
 * @param question the entry's canonical question, shown as the answer's source title
 * @param answer   the answer text (plain text, never HTML)
 * @param score    hybrid relevance score, 0..1, comparable across queries so the dialogue policy can
 *                 threshold it
 */
public record FaqHit(String id, String topic, String question, String answer, double score) {
}
