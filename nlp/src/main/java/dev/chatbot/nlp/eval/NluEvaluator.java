package dev.chatbot.nlp.eval;

import dev.chatbot.nlp.EntityMention;
import dev.chatbot.nlp.FaqHit;
import dev.chatbot.nlp.IntentPrediction;
import dev.chatbot.nlp.NluEngine;
import dev.chatbot.nlp.NluResult;
import dev.chatbot.nlp.data.EntitySpan;
import dev.chatbot.nlp.data.FaqQuery;
import dev.chatbot.nlp.data.IntentDefinition;
import dev.chatbot.nlp.data.IntentExample;
import dev.chatbot.nlp.data.SentimentExample;
import dev.chatbot.nlp.data.TrainingData;
import dev.chatbot.nlp.embedding.SentenceEncoder;
import dev.chatbot.nlp.pipeline.NluTrainer;
import dev.chatbot.nlp.pipeline.PipelineConfig;
import dev.chatbot.nlp.pipeline.PipelineNluEngine;
import dev.chatbot.nlp.pipeline.Progress;
import dev.chatbot.nlp.pipeline.StepRegistry;
import dev.chatbot.nlp.pipeline.TrainedPipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Trains a fresh pipeline on a training folder and measures it on a test folder, producing the report of
 * contracts section 3. Sections whose data is absent from the test folder are left out.
 *
 * <p>Latency is measured on whole-pipeline {@link NluEngine#analyze} calls, one message at a time, on up
 * to {@link #TIMED_MESSAGES} test messages after a short warm-up; the remaining messages are predicted in
 * batches (which is faster per message, so it is not timed). The report's {@code timing.step_ms} adds each
 * step's own time (the first step to need the sentence embedding pays for it).
 */
public final class NluEvaluator {

    /** How many messages are timed one by one. */
    public static final int TIMED_MESSAGES = 300;
    private static final int WARM_UP = 50;
    private static final int BATCH = 64;
    private static final int FAQ_DEPTH = 20;
    private static final int LISTED_ERRORS = 200;

    private final NluTrainer trainer;
    private final PipelineConfig config;

    public NluEvaluator(StepRegistry registry, SentenceEncoder encoder, PipelineConfig config) {
        this.trainer = new NluTrainer(registry, encoder);
        this.config = config;
    }

    /** Trains on {@code train}, evaluates on {@code test}. */
    public Report evaluate(TrainingData train, TrainingData test, Progress progress) {
        TrainedPipeline trained = trainer.train(train, config, progress);
        PipelineNluEngine engine = trainer.engine(trained, "evaluation");
        Report report = evaluate(engine, test, trained.trainSeconds(), progress);
        Map<String, Object> perStep = new LinkedHashMap<>();
        trained.stepSeconds().forEach((k, v) -> perStep.put(k, Report.round(v)));
        report.section("timing").put("train_step_seconds", perStep);
        return report;
    }

    /** Evaluates an already trained engine. */
    public Report evaluate(NluEngine engine, TrainingData test, double trainSeconds, Progress progress) {
        List<IntentExample> intentExamples = new ArrayList<>();
        List<String> intentGold = new ArrayList<>();
        for (IntentDefinition i : test.intents()) {
            for (IntentExample e : i.examples()) {
                intentExamples.add(e);
                intentGold.add(i.name());
            }
        }
        List<String> texts = new ArrayList<>(intentExamples.stream().map(IntentExample::text).toList());
        test.sentiment().forEach(s -> texts.add(s.text()));
        Predictions predictions = predict(engine, texts, test.faqQueries().stream().map(FaqQuery::text).toList(), progress);

        Map<String, Object> report = new LinkedHashMap<>();
        if (!intentExamples.isEmpty()) {
            List<NluResult> results = predictions.results.subList(0, intentExamples.size());
            report.put("intent", intentSection(intentExamples, intentGold, results));
            boolean marked = intentExamples.stream().anyMatch(e -> !e.entities().isEmpty());
            if (marked) {
                report.put("entities", entitySection(intentExamples, results));
            }
        }
        if (!test.sentiment().isEmpty()) {
            List<NluResult> results = predictions.results.subList(intentExamples.size(), predictions.results.size());
            report.put("sentiment", sentimentSection(test.sentiment(), results));
        }
        if (!test.faqQueries().isEmpty()) {
            progress.update("evaluating FAQ queries", 0, test.faqQueries().size());
            report.put("faq", faqSection(engine, test.faqQueries(), progress));
        }
        Map<String, Object> timing = new LinkedHashMap<>();
        timing.put("train_seconds", Report.round(trainSeconds));
        timing.put("predict_ms_p50", Report.round(percentile(predictions.timesMs, 0.50)));
        timing.put("predict_ms_p99", Report.round(percentile(predictions.timesMs, 0.99)));
        timing.put("predict_ms_mean", Report.round(Arrays.stream(predictions.timesMs).average().orElse(0)));
        timing.put("timed_messages", predictions.timesMs.length);
        timing.put("model_version", engine.modelVersion());
        if (engine instanceof PipelineNluEngine pipeline && !texts.isEmpty()) {
            timing.put("step_ms", stepTimes(pipeline, texts));
        }
        report.put("timing", timing);
        return new Report(report);
    }

    /** Mean and p99 milliseconds of each step alone, on up to {@link #TIMED_MESSAGES} messages. */
    private static Map<String, Object> stepTimes(PipelineNluEngine engine, List<String> texts) {
        List<dev.chatbot.nlp.pipeline.NluStep> steps = engine.steps();
        int n = Math.min(TIMED_MESSAGES, texts.size());
        double[][] times = new double[steps.size()][n];
        for (int i = 0; i < n; i++) {
            dev.chatbot.nlp.pipeline.Analysis a = engine.newAnalysis("timing " + texts.get(texts.size() - 1 - i));
            for (int s = 0; s < steps.size(); s++) {
                long t0 = System.nanoTime();
                try {
                    steps.get(s).apply(a);
                } catch (RuntimeException e) {
                    // measured like the engine runs it: a failing step costs its time and nothing else
                }
                times[s][i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int s = 0; s < steps.size(); s++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mean", Report.round(Arrays.stream(times[s]).average().orElse(0)));
            m.put("p99", Report.round(percentile(times[s], 0.99)));
            out.put(steps.get(s).name(), m);
        }
        return out;
    }

    private record Predictions(List<NluResult> results, double[] timesMs) {
    }

    private Predictions predict(NluEngine engine, List<String> texts, List<String> fallbackTimed, Progress progress) {
        List<String> timedTexts = texts.isEmpty() ? fallbackTimed : texts;
        int timed = Math.min(TIMED_MESSAGES, timedTexts.size());
        for (int i = 0; i < Math.min(WARM_UP, timedTexts.size()); i++) {
            engine.analyze("warm up " + i + " " + timedTexts.get(timedTexts.size() - 1 - i));
        }
        double[] times = new double[timed];
        List<NluResult> results = new ArrayList<>(texts.size());
        for (int i = 0; i < timed; i++) {
            long t0 = System.nanoTime();
            NluResult r = engine.analyze(timedTexts.get(i));
            times[i] = (System.nanoTime() - t0) / 1e6;
            if (!texts.isEmpty()) {
                results.add(r);
            }
            if (i % 25 == 0) {
                progress.update("predicting (timed)", i, timed);
            }
        }
        int from = texts.isEmpty() ? 0 : timed;
        for (int i = from; i < texts.size(); i += BATCH) {
            progress.update("predicting", i, texts.size());
            results.addAll(engine.analyzeAll(texts.subList(i, Math.min(texts.size(), i + BATCH))));
        }
        progress.update("predicting", texts.size(), texts.size());
        return new Predictions(results, times);
    }

    private Map<String, Object> intentSection(List<IntentExample> examples, List<String> gold, List<NluResult> results) {
        ClassificationMetrics metrics = new ClassificationMetrics();
        int inScope = 0;
        int inScopeCorrect = 0;
        int oos = 0;
        int oosCaught = 0;
        int[] correctHist = new int[10];
        int[] wrongHist = new int[10];
        List<Map<String, Object>> errors = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            IntentPrediction p = results.get(i).intent();
            String predicted = p.outOfScope() ? IntentPrediction.OUT_OF_SCOPE : p.name();
            String expected = gold.get(i);
            metrics.add(expected, predicted);
            boolean ok = expected.equals(predicted);
            if (expected.equals(IntentPrediction.OUT_OF_SCOPE)) {
                oos++;
                oosCaught += ok ? 1 : 0;
            } else {
                inScope++;
                inScopeCorrect += ok ? 1 : 0;
            }
            int bin = Math.max(0, Math.min(9, (int) Math.floor(p.confidence() * 10)));
            (ok ? correctHist : wrongHist)[bin]++;
            if (!ok && errors.size() < LISTED_ERRORS) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("text", examples.get(i).text());
                e.put("expected", expected);
                e.put("predicted", predicted);
                e.put("best_intent", p.name());
                e.put("confidence", Report.round(p.confidence()));
                e.put("source", examples.get(i).source().toString());
                errors.add(e);
            }
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("examples", examples.size());
        s.put("accuracy", Report.round(metrics.accuracy()));
        s.put("in_scope_accuracy", Report.round(inScope == 0 ? 0.0 : (double) inScopeCorrect / inScope));
        if (oos > 0) {
            s.put("oos_recall", Report.round((double) oosCaught / oos));
        }
        s.put("macro_f1", Report.round(metrics.macroF1()));
        s.put("in_scope_examples", inScope);
        s.put("oos_examples", oos);
        s.put("per_intent", metrics.perLabel());
        s.put("top_confusions", metrics.topConfusions(30));
        s.put("misclassified", errors);
        Map<String, Object> hist = new LinkedHashMap<>();
        List<String> bins = new ArrayList<>();
        for (int b = 0; b < 10; b++) {
            bins.add(String.format(java.util.Locale.ROOT, "%.1f-%.1f", b / 10.0, (b + 1) / 10.0));
        }
        hist.put("bins", bins);
        hist.put("correct", Arrays.stream(correctHist).boxed().toList());
        hist.put("wrong", Arrays.stream(wrongHist).boxed().toList());
        s.put("confidence_histogram", hist);
        s.put("confusion_matrix", metrics.confusionMatrix());
        return s;
    }

    private Map<String, Object> entitySection(List<IntentExample> examples, List<NluResult> results) {
        int goldCount = 0;
        int predictedCount = 0;
        int tp = 0;
        Map<String, int[]> perType = new TreeMap<>();  // tp, gold, predicted
        List<Map<String, Object>> errors = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            IntentExample ex = examples.get(i);
            NluResult r = results.get(i);
            int[] map = offsetMap(ex.text(), r.text());
            Set<String> gold = new HashSet<>();
            for (EntitySpan s : ex.entities()) {
                gold.add(s.type() + "@" + map[s.start()] + ":" + map[s.end()]);
                perType.computeIfAbsent(s.type(), k -> new int[3])[1]++;
            }
            Set<String> predicted = new HashSet<>();
            for (EntityMention m : r.entities()) {
                predicted.add(m.type() + "@" + m.start() + ":" + m.end());
                perType.computeIfAbsent(m.type(), k -> new int[3])[2]++;
            }
            goldCount += gold.size();
            predictedCount += predicted.size();
            for (String g : gold) {
                if (predicted.contains(g)) {
                    tp++;
                    perType.get(g.substring(0, g.indexOf('@')))[0]++;
                }
            }
            if (!gold.equals(predicted) && errors.size() < LISTED_ERRORS) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("text", ex.text());
                e.put("expected", ex.entities().stream().map(s -> s.type() + " '" + s.coveredText(ex.text()) + "'").toList());
                e.put("predicted", r.entities().stream().map(m -> m.type() + " '" + m.text() + "'").toList());
                e.put("source", ex.source().toString());
                errors.add(e);
            }
        }
        double p = predictedCount == 0 ? 0.0 : (double) tp / predictedCount;
        double rec = goldCount == 0 ? 0.0 : (double) tp / goldCount;
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("mentions", goldCount);
        s.put("precision", Report.round(p));
        s.put("recall", Report.round(rec));
        s.put("f1", Report.round(ClassificationMetrics.f1(p, rec)));
        s.put("predicted_mentions", predictedCount);
        Map<String, Object> types = new LinkedHashMap<>();
        perType.forEach((type, c) -> {
            double tp1 = c[2] == 0 ? 0.0 : (double) c[0] / c[2];
            double tr1 = c[1] == 0 ? 0.0 : (double) c[0] / c[1];
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("precision", Report.round(tp1));
            m.put("recall", Report.round(tr1));
            m.put("f1", Report.round(ClassificationMetrics.f1(tp1, tr1)));
            m.put("support", c[1]);
            m.put("predicted", c[2]);
            types.put(type, m);
        });
        s.put("per_type", types);
        s.put("errors", errors);
        return s;
    }

    private Map<String, Object> sentimentSection(List<SentimentExample> examples, List<NluResult> results) {
        ClassificationMetrics metrics = new ClassificationMetrics();
        List<Map<String, Object>> errors = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            String predicted = results.get(i).sentiment().label();
            metrics.add(examples.get(i).label(), predicted);
            if (!predicted.equals(examples.get(i).label()) && errors.size() < LISTED_ERRORS) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("text", examples.get(i).text());
                e.put("expected", examples.get(i).label());
                e.put("predicted", predicted);
                e.put("score", Report.round(results.get(i).sentiment().score()));
                e.put("source", examples.get(i).source().toString());
                errors.add(e);
            }
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("examples", examples.size());
        s.put("accuracy", Report.round(metrics.accuracy()));
        s.put("macro_f1", Report.round(metrics.macroF1()));
        s.put("per_label", metrics.perLabel());
        s.put("confusion_matrix", metrics.confusionMatrix());
        s.put("misclassified", errors);
        return s;
    }

    private Map<String, Object> faqSection(NluEngine engine, List<FaqQuery> queries, Progress progress) {
        double ap = 0;
        double rr = 0;
        double r1 = 0;
        double r5 = 0;
        List<Map<String, Object>> misses = new ArrayList<>();
        for (int q = 0; q < queries.size(); q++) {
            FaqQuery query = queries.get(q);
            List<String> ranked = engine.searchFaq(query.text(), FAQ_DEPTH).stream().map(FaqHit::id).toList();
            Set<String> relevant = new HashSet<>(query.relevant());
            int found = 0;
            double precisionSum = 0;
            double reciprocal = 0;
            for (int i = 0; i < ranked.size(); i++) {
                if (relevant.contains(ranked.get(i))) {
                    found++;
                    precisionSum += (double) found / (i + 1);
                    if (reciprocal == 0) {
                        reciprocal = 1.0 / (i + 1);
                    }
                }
            }
            ap += precisionSum / relevant.size();
            rr += reciprocal;
            r1 += recallAt(ranked, relevant, 1);
            r5 += recallAt(ranked, relevant, 5);
            if (reciprocal < 1.0 && misses.size() < LISTED_ERRORS) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("text", query.text());
                m.put("relevant", query.relevant());
                m.put("top", ranked.size() > 5 ? ranked.subList(0, 5) : ranked);
                m.put("source", query.source().toString());
                misses.add(m);
            }
            if (q % 25 == 0) {
                progress.update("evaluating FAQ queries", q, queries.size());
            }
        }
        int n = queries.size();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("queries", n);
        s.put("map", Report.round(ap / n));
        s.put("mrr", Report.round(rr / n));
        s.put("recall_at_1", Report.round(r1 / n));
        s.put("recall_at_5", Report.round(r5 / n));
        s.put("depth", FAQ_DEPTH);
        s.put("not_first", misses);
        return s;
    }

    private static double recallAt(List<String> ranked, Set<String> relevant, int k) {
        long hits = ranked.stream().limit(k).filter(relevant::contains).count();
        return (double) hits / relevant.size();
    }

    static double percentile(double[] values, double q) {
        if (values.length == 0) {
            return 0.0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int idx = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    /**
     * Maps offsets in an example's text to offsets in the text the engine analysed (which has its
     * whitespace collapsed), so gold spans compare with predicted ones. Index {@code text.length()} maps too.
     */
    static int[] offsetMap(String original, String cleaned) {
        int[] map = new int[original.length() + 1];
        if (original.equals(cleaned)) {
            for (int i = 0; i <= original.length(); i++) {
                map[i] = i;
            }
            return map;
        }
        int j = 0;
        for (int i = 0; i < original.length(); i++) {
            map[i] = Math.min(j, cleaned.length());
            if (j < cleaned.length() && original.charAt(i) == cleaned.charAt(j)) {
                j++;
            }
        }
        map[original.length()] = Math.min(j, cleaned.length());
        return map;
    }
}
