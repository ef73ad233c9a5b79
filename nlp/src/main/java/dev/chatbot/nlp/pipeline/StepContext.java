package dev.chatbot.nlp.pipeline;

import dev.chatbot.nlp.embedding.SentenceEncoder;

import java.util.Map;

/**
 * What every step trainer may use: the shared sentence encoder (one model instance per process, with its
 * cache), step settings from the pipeline configuration, a progress sink and a random seed so that
 * training is repeatable.
 *
 * @param encoder  the sentence encoder shared by all steps
 * @param settings the step's own settings from the pipeline configuration (may be empty)
 * @param progress where long work reports how far it is
 * @param seed     seed for any randomness in training
 */
public record StepContext(SentenceEncoder encoder, Map<String, String> settings, Progress progress, long seed) {

    public StepContext {
        settings = Map.copyOf(settings);
    }

    public StepContext withSettings(Map<String, String> stepSettings) {
        return new StepContext(encoder, stepSettings, progress, seed);
    }

    public double setting(String key, double fallback) {
        String v = settings.get(key);
        return v == null ? fallback : Double.parseDouble(v);
    }

    public int setting(String key, int fallback) {
        String v = settings.get(key);
        return v == null ? fallback : Integer.parseInt(v);
    }

    public String setting(String key, String fallback) {
        return settings.getOrDefault(key, fallback);
    }
}
