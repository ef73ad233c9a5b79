package dev.chatbot.nlp;

import java.util.List;

/**
 * The intent classifier's decision for one message.
 *
 * @param name       winning intent, or {@link #OUT_OF_SCOPE} when the message fits none of the bot's intents
 * @param confidence calibrated probability of the winning label, 0..1
 * @param outOfScope true when the message is out of scope, by the reserved intent or by the threshold
 * @param ranking    every intent with its score, best first (the top few are enough for traces)
 */
public record IntentPrediction(String name, double confidence, boolean outOfScope, List<ScoredLabel> ranking) {

    /** The reserved intent name for messages none of the bot's intents cover. */
    public static final String OUT_OF_SCOPE = "out_of_scope";

    public IntentPrediction {
        ranking = List.copyOf(ranking);
    }

    public static IntentPrediction outOfScope(double confidence, List<ScoredLabel> ranking) {
        return new IntentPrediction(OUT_OF_SCOPE, confidence, true, ranking);
    }
}
