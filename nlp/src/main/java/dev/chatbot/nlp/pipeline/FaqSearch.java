package dev.chatbot.nlp.pipeline;

import dev.chatbot.nlp.FaqHit;

import java.util.List;

/**
 * A step that can rank FAQ entries for a query on demand, with a caller-chosen number of hits. The FAQ
 * step implements it so that {@link PipelineNluEngine#searchFaq} can serve the LLM fallback's grounding;
 * without it the engine runs the step as usual and cuts its hits to the limit.
 */
public interface FaqSearch {

    /** Entries for the query in the analysis, best first, at most {@code limit}. */
    List<FaqHit> search(Analysis analysis, int limit);
}
