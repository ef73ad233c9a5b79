package dev.chatbot.nlp.embedding;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A cheap, deterministic stand-in for a neural sentence encoder: lower-cased words and character
 * 3-grams of each word (with boundary marks) are hashed, with a hashed sign, into a fixed number of
 * dimensions, and the vector is L2-normalised. Texts that share words or word pieces get similar
 * vectors; paraphrases with different words do not. Loads nothing, costs microseconds: for unit tests
 * and for tiny bots where loading the ONNX model is not worth it.
 */
public final class HashedNgramSentenceEncoder implements SentenceEncoder {

    private final int dimensions;

    public HashedNgramSentenceEncoder() {
        this(256);
    }

    public HashedNgramSentenceEncoder(int dimensions) {
        if (dimensions < 8) {
            throw new IllegalArgumentException("dimensions must be >= 8, was " + dimensions);
        }
        this.dimensions = dimensions;
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public String modelId() {
        return "hashed-ngrams-v1/" + dimensions;
    }

    @Override
    public float[] encode(String text) {
        float[] v = new float[dimensions];
        if (text == null) {
            return v;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String word : lower.split("[^\\p{L}\\p{N}']+")) {
            if (word.isEmpty()) {
                continue;
            }
            add(v, "w:" + word, 1.0f);
            String marked = "<" + word + ">";
            for (int i = 0; i + 3 <= marked.length(); i++) {
                add(v, marked.substring(i, i + 3), 0.5f);
            }
        }
        return Vectors.normalizeInPlace(v);
    }

    private void add(float[] v, String feature, float weight) {
        long h = fnv1a(feature);
        int index = (int) Math.floorMod(h, (long) dimensions);
        float sign = ((h >>> 40) & 1L) == 0 ? 1f : -1f;
        v[index] += sign * weight;
    }

    private static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
