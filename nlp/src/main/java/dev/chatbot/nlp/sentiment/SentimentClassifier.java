package dev.chatbot.nlp.sentiment;

import dev.chatbot.nlp.SentimentPrediction;

/** Tells whether a customer message is negative, neutral or positive. Immutable and thread-safe. */
public interface SentimentClassifier {

    /**
     * @param text      the message
     * @param embedding its sentence embedding, or null when {@link #usesEmbeddings()} is false
     */
    SentimentPrediction classify(String text, float[] embedding);

    boolean usesEmbeddings();
}
