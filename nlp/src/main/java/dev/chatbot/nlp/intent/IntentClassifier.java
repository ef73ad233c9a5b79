package dev.chatbot.nlp.intent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Scores every intent label for one message. Scores are logits: the intent step turns them into
 * calibrated probabilities with a fitted temperature. Immutable and thread-safe.
 */
public interface IntentClassifier {

    /** The labels, in the order of {@link #scores}. */
    List<String> labels();

    /**
     * Scores of each label for a message.
     *
     * @param text      the message
     * @param embedding its sentence embedding, or null when {@link #usesEmbeddings()} is false
     */
    double[] scores(String text, float[] embedding);

    /** Whether {@link #scores} needs the sentence embedding. */
    boolean usesEmbeddings();

    /** The method's name, as in the step setting {@code method}. */
    String method();

    /** Writes the classifier's files into a folder. */
    void save(Path folder) throws IOException;
}
