package dev.chatbot.nlp;

import java.util.List;

/**
 * Understands one customer message with a trained model version.
 *
 * <p>Implementations are thread-safe and never throw on odd input (empty, huge, binary, emoji-only,
 * mixed-language text): they return a result, out of scope when nothing fits. Calls may be CPU-heavy
 * (sentence embeddings), so callers run them off any I/O event loop.
 */
public interface NluEngine {

    /** Analyses one message through every pipeline step. */
    NluResult analyze(String text);

    /** Ranks FAQ entries for a query, best first; used for answers and to ground the LLM fallback. */
    List<FaqHit> searchFaq(String query, int limit);

    /**
     * Analyses several messages at once; implementations batch the expensive parts (sentence embeddings).
     * Results are in the order of the texts.
     */
    default List<NluResult> analyzeAll(List<String> texts) {
        return texts.stream().map(this::analyze).toList();
    }

    /** The model version this engine was loaded from, for traces and the admin console. */
    String modelVersion();
}
