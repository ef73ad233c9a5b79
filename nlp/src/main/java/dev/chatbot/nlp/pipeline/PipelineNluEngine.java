package dev.chatbot.nlp.pipeline;

import dev.chatbot.nlp.FaqHit;
import dev.chatbot.nlp.NluEngine;
import dev.chatbot.nlp.NluResult;
import dev.chatbot.nlp.embedding.SentenceEncoder;
import dev.chatbot.nlp.text.MessageText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs trained steps in configuration order over each message. Never throws on odd input: the text is
 * cleaned first (control characters and broken surrogates removed, whitespace collapsed, cut to the
 * configured maximum), a message with nothing left after cleaning gets the neutral result (out of scope,
 * language {@code und}) without running the steps, and a step that throws is logged and skipped, leaving
 * its neutral output.
 * Thread-safe: steps are immutable and each message gets its own {@link Analysis}.
 */
public final class PipelineNluEngine implements NluEngine {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineNluEngine.class);

    private final List<NluStep> steps;
    private final SentenceEncoder encoder;
    private final PipelineConfig config;
    private final String version;

    public PipelineNluEngine(List<NluStep> steps, SentenceEncoder encoder, PipelineConfig config, String version) {
        this.steps = List.copyOf(steps);
        this.encoder = encoder;
        this.config = config;
        this.version = version;
    }

    @Override
    public NluResult analyze(String text) {
        Analysis analysis = new Analysis(clean(text), encoder);
        if (analysis.text().isEmpty()) {
            return analysis.toResult();
        }
        for (NluStep step : steps) {
            applySafely(step, analysis);
        }
        return analysis.toResult();
    }

    @Override
    public List<NluResult> analyzeAll(List<String> texts) {
        List<Analysis> all = new ArrayList<>(texts.size());
        for (String t : texts) {
            all.add(new Analysis(clean(t), encoder));
        }
        List<Analysis> analyses = all.stream().filter(a -> !a.text().isEmpty()).toList();
        try {
            Analysis.embedAll(analyses);
        } catch (RuntimeException e) {
            LOG.warn("batch embedding failed; steps embed one message at a time", e);
        }
        for (NluStep step : steps) {
            try {
                step.applyAll(analyses);
            } catch (RuntimeException e) {
                LOG.warn("step {} failed on a batch of {}; retrying one message at a time", step.name(), analyses.size(), e);
                for (Analysis a : analyses) {
                    applySafely(step, a);
                }
            }
        }
        return all.stream().map(Analysis::toResult).toList();
    }

    @Override
    public List<FaqHit> searchFaq(String query, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Optional<NluStep> faq = steps.stream().filter(s -> s.name().equals("faq")).findFirst();
        if (faq.isEmpty()) {
            return List.of();
        }
        Analysis analysis = new Analysis(clean(query), encoder);
        try {
            if (faq.get() instanceof FaqSearch search) {
                return List.copyOf(search.search(analysis, limit));
            }
            faq.get().apply(analysis);
            List<FaqHit> hits = analysis.faqHits();
            return hits.size() > limit ? hits.subList(0, limit) : hits;
        } catch (RuntimeException e) {
            LOG.warn("FAQ search failed for a query of {} characters", query == null ? 0 : query.length(), e);
            return List.of();
        }
    }

    @Override
    public String modelVersion() {
        return version;
    }

    /** A fresh analysis of a message, cleaned as {@link #analyze} cleans it (for tools that run steps one by one). */
    public Analysis newAnalysis(String text) {
        return new Analysis(clean(text), encoder);
    }

    /** The steps, in order. */
    public List<NluStep> steps() {
        return steps;
    }

    public PipelineConfig config() {
        return config;
    }

    private String clean(String text) {
        return MessageText.clean(text, config.maxMessageChars());
    }

    private static void applySafely(NluStep step, Analysis analysis) {
        try {
            step.apply(analysis);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.warn("step {} failed on a message of {} characters; it leaves its neutral output",
                    step.name(), analysis.text().length(), e);
        }
    }
}
