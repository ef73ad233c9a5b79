package dev.chatbot.nlp;

import java.util.Map;

/**
 * Sentiment of one message.
 *
 * @param label         {@code negative}, {@code neutral} or {@code positive}
 * @param score         polarity from -1 (very negative) to +1 (very positive): P(positive) - P(negative)
 * @param probabilities probability of each label
 */
public record SentimentPrediction(String label, double score, Map<String, Double> probabilities) {

    public static final String NEGATIVE = "negative";
    public static final String NEUTRAL = "neutral";
    public static final String POSITIVE = "positive";

    public SentimentPrediction {
        probabilities = Map.copyOf(probabilities);
    }

    /** Probability that the message is negative, 0..1. */
    public double negativity() {
        return probabilities.getOrDefault(NEGATIVE, 0.0);
    }

    public static SentimentPrediction neutral() {
        return new SentimentPrediction(NEUTRAL, 0.0, Map.of(NEUTRAL, 1.0, NEGATIVE, 0.0, POSITIVE, 0.0));
    }
}
