package dev.chatbot.nlp.faq;

import dev.chatbot.nlp.FaqHit;

import java.util.List;

/** Ranks FAQ entries for a customer's question. Thread-safe. */
public interface FaqRetriever {

    /**
     * The best entries for a query, best first, one hit per entry, each with a score in 0..1 that is
     * comparable across queries (a paraphrase of an entry scores high, an unrelated question low).
     *
     * @param query     the customer's text
     * @param embedding its sentence embedding, or null when {@link #usesEmbeddings()} is false
     * @param limit     most hits to return
     */
    List<FaqHit> search(String query, float[] embedding, int limit);

    boolean usesEmbeddings();

    /** Number of entries searched. */
    int size();
}
