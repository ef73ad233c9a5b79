package dev.chatbot.nlp.faq;

import java.util.Locale;

/**
 * How lexical (BM25) and semantic (embedding) evidence are combined.
 *
 * @param mode          {@code bm25}, {@code vector}, {@code hybrid} (weighted score fusion, the default) or
 *                      {@code rrf} (reciprocal-rank fusion; its score is the hybrid score, only the order
 *                      differs)
 * @param vectorWeight  weight of the semantic score in {@code hybrid} (the lexical score gets the rest)
 * @param candidates    how many entries each retriever proposes before fusion
 */
public record FaqRanking(String mode, double vectorWeight, int candidates) {

    public FaqRanking {
        mode = mode.toLowerCase(Locale.ROOT);
        if (!mode.equals("bm25") && !mode.equals("vector") && !mode.equals("hybrid") && !mode.equals("rrf")) {
            throw new IllegalArgumentException("faq: unknown ranking '" + mode + "' (use hybrid, rrf, bm25 or vector)");
        }
        if (vectorWeight < 0 || vectorWeight > 1) {
            throw new IllegalArgumentException("faq: vector_weight must be in 0..1, was " + vectorWeight);
        }
        if (candidates < 1) {
            throw new IllegalArgumentException("faq: candidates must be >= 1");
        }
    }

    public static FaqRanking defaults() {
        return new FaqRanking("hybrid", 0.8, 50);
    }

    boolean usesVectors() {
        return !mode.equals("bm25");
    }

    boolean usesBm25() {
        return !mode.equals("vector");
    }
}
