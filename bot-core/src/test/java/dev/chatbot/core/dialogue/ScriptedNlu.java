package dev.chatbot.core.dialogue;

import dev.chatbot.nlp.EntityMention;
import dev.chatbot.nlp.FaqHit;
import dev.chatbot.nlp.IntentPrediction;
import dev.chatbot.nlp.NluEngine;
import dev.chatbot.nlp.NluResult;
import dev.chatbot.nlp.ScoredLabel;
import dev.chatbot.nlp.SentimentPrediction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake of the NLU port for unit tests of the dialogue engine: each text is mapped to the analysis the test wants.
 * Unknown texts are out of scope and neutral. (The real pipeline is exercised by the conversation tests.)
 */
final class ScriptedNlu implements NluEngine {

    private final Map<String, NluResult> script = new HashMap<>();

    Builder on(String text) {
        return new Builder(text);
    }

    final class Builder {
        private final String text;
        private IntentPrediction intent = IntentPrediction.outOfScope(0.2, List.of());
        private final List<EntityMention> entities = new ArrayList<>();
        private SentimentPrediction sentiment = SentimentPrediction.neutral();
        private final List<FaqHit> faq = new ArrayList<>();

        Builder(String text) {
            this.text = text;
        }

        Builder intent(String name, double confidence) {
            intent = name.equals(IntentPrediction.OUT_OF_SCOPE)
                    ? IntentPrediction.outOfScope(confidence, List.of(new ScoredLabel(name, confidence)))
                    : new IntentPrediction(name, confidence, false, List.of(new ScoredLabel(name, confidence)));
            return this;
        }

        Builder entity(String type, String value) {
            int at = Math.max(0, text.indexOf(value));
            entities.add(new EntityMention(type, value, at, at + value.length(), value, "regex", 1.0));
            return this;
        }

        Builder negativity(double p) {
            sentiment = new SentimentPrediction(p > 0.5 ? "negative" : "neutral", -p,
                    Map.of("negative", p, "neutral", 1 - p, "positive", 0.0));
            return this;
        }

        Builder faq(String id, double score) {
            faq.add(new FaqHit(id, "shipping", "Question " + id + "?", "Answer of " + id + ".", score));
            return this;
        }

        void done() {
            script.put(text, new NluResult(text, "en", intent, entities, sentiment, faq));
        }
    }

    @Override
    public NluResult analyze(String text) {
        return script.getOrDefault(text, new NluResult(text, "en", IntentPrediction.outOfScope(0.1, List.of()),
                List.of(), SentimentPrediction.neutral(), List.of()));
    }

    @Override
    public List<FaqHit> searchFaq(String query, int limit) {
        return List.of();
    }

    @Override
    public String modelVersion() {
        return "scripted";
    }
}
