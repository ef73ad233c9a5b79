package dev.chatbot.nlp.embedding;

import java.util.List;

/**
 * Turns sentences into L2-normalised vectors. Thread-safe. CPU-heavy (milliseconds per sentence), so
 * callers keep it off I/O event loops; {@link #encodeAll} is cheaper per sentence than repeated
 * {@link #encode} calls.
 */
public interface SentenceEncoder {

    /** Vector size. */
    int dimensions();

    /** Embeds one sentence. */
    float[] encode(String text);

    /** Embeds several sentences, in order; implementations batch them. */
    default List<float[]> encodeAll(List<String> texts) {
        return texts.stream().map(this::encode).toList();
    }

    /** A stable identifier of the model, stored with trained models so a mismatch is detected at load. */
    String modelId();
}
