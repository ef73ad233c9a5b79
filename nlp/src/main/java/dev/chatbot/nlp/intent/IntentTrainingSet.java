package dev.chatbot.nlp.intent;

import java.util.List;

/**
 * Examples prepared for training intent classifiers.
 *
 * @param labelNames the labels, sorted; a label's position is its class number
 * @param texts      the example texts
 * @param embeddings the sentence embedding of each text, or null when no method needs them
 * @param labels     the class number of each text
 */
public record IntentTrainingSet(List<String> labelNames, List<String> texts, float[][] embeddings, int[] labels) {

    public IntentTrainingSet {
        labelNames = List.copyOf(labelNames);
        texts = List.copyOf(texts);
    }

    public int size() {
        return texts.size();
    }

    /** The examples at the given positions (labels keep their numbers). */
    public IntentTrainingSet subset(int[] positions) {
        String[] t = new String[positions.length];
        float[][] e = embeddings == null ? null : new float[positions.length][];
        int[] l = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            t[i] = texts.get(positions[i]);
            if (e != null) {
                e[i] = embeddings[positions[i]];
            }
            l[i] = labels[positions[i]];
        }
        return new IntentTrainingSet(labelNames, List.of(t), e, l);
    }
}
