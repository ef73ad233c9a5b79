package dev.chatbot.nlp.pipeline;

import dev.chatbot.nlp.FaqHit;
import dev.chatbot.nlp.IntentPrediction;
import dev.chatbot.nlp.ScoredLabel;
import dev.chatbot.nlp.SentimentPrediction;
import dev.chatbot.nlp.data.FaqEntry;
import dev.chatbot.nlp.data.IntentDefinition;
import dev.chatbot.nlp.data.IntentExample;

import dev.chatbot.nlp.data.TrainingData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Test-only steps that stand in for the real intent, sentiment and FAQ steps (another package), so the
 * pipeline, model store and evaluator can be tested on their own. They are deliberately simple
 * (word-overlap scoring) and are never registered for production.
 */
public final class TestSteps {

    private TestSteps() {
    }

    /** Intent by word overlap with the examples; out of scope below half the words matching. */
    public static final class OverlapIntentTrainer implements StepTrainer {
        @Override
        public String name() {
            return "intent";
        }

        @Override
        public NluStep train(TrainingData data, StepContext context) {
            Map<String, String> examples = new LinkedHashMap<>();
            for (IntentDefinition i : data.intents()) {
                for (IntentExample e : i.examples()) {
                    examples.put(e.text().toLowerCase(Locale.ROOT), i.name());
                }
            }
            return new OverlapIntentStep(examples);
        }

        @Override
        public NluStep load(Path folder, StepContext context) throws IOException {
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(folder.resolve("examples.properties"))) {
                p.load(in);
            }
            Map<String, String> examples = new LinkedHashMap<>();
            p.stringPropertyNames().stream().sorted().forEach(k -> examples.put(k, p.getProperty(k)));
            return new OverlapIntentStep(examples);
        }
    }

    static final class OverlapIntentStep implements NluStep {
        private final Map<String, String> examples;

        OverlapIntentStep(Map<String, String> examples) {
            this.examples = examples;
        }

        @Override
        public String name() {
            return "intent";
        }

        @Override
        public void apply(Analysis analysis) {
            List<String> words = List.of(analysis.text().toLowerCase(Locale.ROOT).split("\\W+"));
            String best = null;
            double bestScore = 0;
            for (var e : examples.entrySet()) {
                List<String> ex = List.of(e.getKey().split("\\W+"));
                double score = (double) words.stream().filter(ex::contains).count() / Math.max(ex.size(), words.size());
                if (score > bestScore) {
                    bestScore = score;
                    best = e.getValue();
                }
            }
            List<ScoredLabel> ranking = best == null ? List.of() : List.of(new ScoredLabel(best, bestScore));
            if (best == null || bestScore < 0.5 || best.equals(IntentPrediction.OUT_OF_SCOPE)) {
                analysis.intent(IntentPrediction.outOfScope(bestScore, ranking));
            } else {
                analysis.intent(new IntentPrediction(best, bestScore, false, ranking));
            }
        }

        @Override
        public void save(Path folder) throws IOException {
            Properties p = new Properties();
            examples.forEach(p::setProperty);
            try (var out = Files.newBufferedWriter(folder.resolve("examples.properties"))) {
                p.store(out, null);
            }
        }
    }

    /** Sentiment by a fixed word list learned from nothing: "hate"/"awful" negative, "love"/"great" positive. */
    public static final class WordSentimentTrainer implements StepTrainer {
        @Override
        public String name() {
            return "sentiment";
        }

        @Override
        public NluStep train(TrainingData data, StepContext context) {
            return new WordSentimentStep();
        }

        @Override
        public NluStep load(Path folder, StepContext context) {
            return new WordSentimentStep();
        }
    }

    static final class WordSentimentStep implements NluStep {
        @Override
        public String name() {
            return "sentiment";
        }

        @Override
        public void apply(Analysis analysis) {
            String t = analysis.text().toLowerCase(Locale.ROOT);
            String label = t.contains("hate") || t.contains("awful") ? NEGATIVE_LABEL
                    : t.contains("love") || t.contains("great") ? "positive" : "neutral";
            double neg = label.equals("negative") ? 0.9 : 0.05;
            double pos = label.equals("positive") ? 0.9 : 0.05;
            analysis.sentiment(new SentimentPrediction(label, pos - neg,
                    Map.of("negative", neg, "positive", pos, "neutral", 1 - neg - pos)));
        }

        @Override
        public void save(Path folder) {
        }
    }

    private static final String NEGATIVE_LABEL = "negative";

    /** FAQ by word overlap with question and alternatives. */
    public static final class OverlapFaqTrainer implements StepTrainer {
        @Override
        public String name() {
            return "faq";
        }

        @Override
        public NluStep train(TrainingData data, StepContext context) {
            return new OverlapFaqStep(data.faq());
        }

        @Override
        public NluStep load(Path folder, StepContext context) {
            throw new UnsupportedOperationException("test FAQ step is not saved");
        }
    }

    static final class OverlapFaqStep implements NluStep {
        private final List<FaqEntry> entries;

        OverlapFaqStep(List<FaqEntry> entries) {
            this.entries = entries;
        }

        @Override
        public String name() {
            return "faq";
        }

        @Override
        public void apply(Analysis analysis) {
            List<String> words = List.of(analysis.text().toLowerCase(Locale.ROOT).split("\\W+"));
            List<FaqHit> hits = new ArrayList<>();
            for (FaqEntry e : entries) {
                String all = (e.question() + " " + String.join(" ", e.alternatives())).toLowerCase(Locale.ROOT);
                long n = words.stream().filter(w -> !w.isEmpty() && all.contains(w)).count();
                hits.add(new FaqHit(e.id(), e.topic(), e.question(), e.answer(), (double) n / Math.max(1, words.size())));
            }
            hits.sort((a, b) -> Double.compare(b.score(), a.score()));
            analysis.faqHits(hits.subList(0, Math.min(3, hits.size())));
        }

        @Override
        public void save(Path folder) {
        }
    }

    /** A step that always throws, to check that the engine survives it. */
    public static final class ThrowingTrainer implements StepTrainer {
        @Override
        public String name() {
            return "boom";
        }

        @Override
        public NluStep train(TrainingData data, StepContext context) {
            return new NluStep() {
                @Override
                public String name() {
                    return "boom";
                }

                @Override
                public void apply(Analysis analysis) {
                    throw new IllegalStateException("boom");
                }

                @Override
                public void save(Path folder) {
                }
            };
        }

        @Override
        public NluStep load(Path folder, StepContext context) {
            return train(null, context);
        }
    }
}
