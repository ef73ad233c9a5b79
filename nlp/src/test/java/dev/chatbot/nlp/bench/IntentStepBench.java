package dev.chatbot.nlp.bench;

import dev.chatbot.nlp.IntentPrediction;
import dev.chatbot.nlp.data.IntentDefinition;
import dev.chatbot.nlp.data.IntentExample;
import dev.chatbot.nlp.data.SourceRef;
import dev.chatbot.nlp.data.TrainingData;
import dev.chatbot.nlp.embedding.MiniLmSentenceEncoder;
import dev.chatbot.nlp.intent.IntentStep;
import dev.chatbot.nlp.intent.IntentStepTrainer;
import dev.chatbot.nlp.pipeline.Analysis;
import dev.chatbot.nlp.pipeline.Progress;
import dev.chatbot.nlp.pipeline.StepContext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Trains the real intent step (cross-validation, calibration, threshold) the way the pipeline does and
 * measures it. Modes (first argument):
 * <ul>
 *   <li>{@code accuracy NAME [method]}: train on NAME/train, measure NAME/test (accuracy with the automatic
 *       threshold and without it, train seconds, step latency p50/p99 with a fresh embedding per message)</li>
 *   <li>{@code oos NAME [method]}: hold 10 of NAME's intents out of training (seed 11) and treat their
 *       test messages as out of scope: in-scope accuracy and out-of-scope recall</li>
 *   <li>{@code train15k}: training time on 15,000 examples (hwu64 + snips training sets, shuffled)</li>
 * </ul>
 */
public final class IntentStepBench {

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        try (MiniLmSentenceEncoder encoder = MiniLmSentenceEncoder.create()) {
            switch (mode) {
                case "accuracy" -> accuracy(encoder, args[1], args.length > 2 ? args[2] : IntentStepTrainer.DEFAULT_METHOD, false);
                case "oos" -> accuracy(encoder, args[1], args.length > 2 ? args[2] : IntentStepTrainer.DEFAULT_METHOD, true);
                case "train15k" -> train15k(encoder);
                default -> throw new IllegalArgumentException(mode);
            }
        }
    }

    static void accuracy(MiniLmSentenceEncoder encoder, String name, String method, boolean oos) throws Exception {
        var root = BenchmarkFolders.devBenchmarks().resolve(name);
        TrainingData train = BenchmarkFolders.read(root.resolve("train"));
        TrainingData test = BenchmarkFolders.read(root.resolve("test"));
        List<String> held = List.of();
        if (oos) {
            List<String> all = new ArrayList<>(train.intents().stream().map(IntentDefinition::name).toList());
            Collections.shuffle(all, new Random(11));
            held = all.subList(0, 10);
            List<String> heldF = held;
            train = new TrainingData(Optional.empty(), train.intents().stream().filter(d -> !heldF.contains(d.name())).toList(),
                    List.of(), List.of(), List.of(), List.of());
        }
        StepContext ctx = new StepContext(encoder, Map.of("method", method), Progress.NONE, 42);
        long t0 = System.nanoTime();
        IntentStep step = (IntentStep) new IntentStepTrainer().train(train, ctx);
        double trainSec = (System.nanoTime() - t0) / 1e9;
        encoder.cache().clear();
        List<String> texts = new ArrayList<>();
        List<String> gold = new ArrayList<>();
        for (IntentDefinition d : test.intents()) {
            for (IntentExample e : d.examples()) {
                texts.add(e.text());
                gold.add(held.contains(d.name()) ? IntentPrediction.OUT_OF_SCOPE : d.name());
            }
        }
        double[] ms = new double[texts.size()];
        int inN = 0, inOk = 0, inOkNoThreshold = 0, oosN = 0, oosOk = 0;
        for (int i = 0; i < texts.size(); i++) {
            Analysis a = new Analysis(texts.get(i), encoder);
            long s = System.nanoTime();
            step.apply(a);
            ms[i] = (System.nanoTime() - s) / 1e6;
            IntentPrediction p = a.intent();
            String top = p.ranking().isEmpty() ? "" : p.ranking().get(0).label();
            if (gold.get(i).equals(IntentPrediction.OUT_OF_SCOPE)) {
                oosN++;
                oosOk += p.outOfScope() ? 1 : 0;
            } else {
                inN++;
                inOk += !p.outOfScope() && p.name().equals(gold.get(i)) ? 1 : 0;
                inOkNoThreshold += top.equals(gold.get(i)) ? 1 : 0;
            }
        }
        System.out.printf("%s %s%s: train %.1f s; in-scope accuracy %.2f%% (without threshold %.2f%%)%s; "
                        + "threshold %.2f; step latency p50 %.2f ms p99 %.2f ms (embedding included)%n  measured at training: %s%n",
                name, method, oos ? " (10 intents held out as out of scope)" : "", trainSec, 100.0 * inOk / inN,
                100.0 * inOkNoThreshold / inN, oosN > 0 ? String.format("; out-of-scope recall %.2f%% of %d", 100.0 * oosOk / oosN, oosN) : "",
                step.threshold(), IntentMethodsBench.pct(ms, 0.5), IntentMethodsBench.pct(ms, 0.99), step.meta().measured());
    }

    static void train15k(MiniLmSentenceEncoder encoder) throws Exception {
        List<IntentExample> all = new ArrayList<>();
        Map<IntentExample, String> label = new HashMap<>();
        for (String name : List.of("hwu64", "snips")) {
            TrainingData t = BenchmarkFolders.read(BenchmarkFolders.devBenchmarks().resolve(name).resolve("train"));
            for (IntentDefinition d : t.intents()) {
                for (IntentExample e : d.examples()) {
                    IntentExample x = new IntentExample(e.text(), List.of(), new SourceRef(name, all.size()));
                    all.add(x);
                    label.put(x, name + "_" + d.name());
                }
            }
        }
        Collections.shuffle(all, new Random(5));
        List<IntentExample> chosen = all.subList(0, 15_000);
        Map<String, List<IntentExample>> byLabel = new java.util.TreeMap<>();
        for (IntentExample e : chosen) {
            byLabel.computeIfAbsent(label.get(e), k -> new ArrayList<>()).add(e);
        }
        List<IntentDefinition> defs = byLabel.entrySet().stream().map(e -> new IntentDefinition(e.getKey(), null,
                e.getValue(), List.of(), Optional.empty(), false, SourceRef.MEMORY)).toList();
        TrainingData data = new TrainingData(Optional.empty(), defs, List.of(), List.of(), List.of(), List.of());
        long t0 = System.nanoTime();
        List<String> phases = new ArrayList<>();
        Progress progress = new Progress() {
            String last = "";

            @Override
            public void update(String task, long done, long total) {
                if (!task.equals(last)) {
                    phases.add(String.format("%.1f s: %s", (System.nanoTime() - t0) / 1e9, task));
                    last = task;
                }
            }
        };
        new IntentStepTrainer().train(data, new StepContext(encoder, Map.of(), progress, 42));
        System.out.printf("train15k: %d examples, %d intents, %.1f s total; phases started at %s%n", chosen.size(),
                defs.size(), (System.nanoTime() - t0) / 1e9, phases);
    }
}
