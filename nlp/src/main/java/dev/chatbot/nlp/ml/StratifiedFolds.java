package dev.chatbot.nlp.ml;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Assigns examples to k cross-validation folds so that every class is spread evenly over the folds. */
public final class StratifiedFolds {

    private StratifiedFolds() {
    }

    /** The fold (0..k-1) of each example, given the class of each example. */
    public static int[] assign(int[] labels, int classes, int k, long seed) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        Random rnd = new Random(seed);
        int[] fold = new int[labels.length];
        int offset = 0;
        for (List<Integer> members : byClass) {
            java.util.Collections.shuffle(members, rnd);
            for (int j = 0; j < members.size(); j++) {
                fold[members.get(j)] = (offset + j) % k;
            }
            offset += members.size();
        }
        return fold;
    }
}
