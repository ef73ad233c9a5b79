package dev.chatbot.bench.nlu;

import dev.chatbot.nlp.data.TrainingDataLoader;
import dev.chatbot.nlp.embedding.MiniLmSentenceEncoder;
import dev.chatbot.nlp.pipeline.Analysis;
import dev.chatbot.nlp.pipeline.ModelStore;
import dev.chatbot.nlp.pipeline.NluStep;
import dev.chatbot.nlp.pipeline.NluTrainer;
import dev.chatbot.nlp.pipeline.PipelineConfig;
import dev.chatbot.nlp.pipeline.PipelineNluEngine;
import dev.chatbot.nlp.pipeline.Progress;
import dev.chatbot.nlp.pipeline.StepRegistry;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a message's time goes: runs the benchmark's message mix through the default bot step by step (as the
 * engine does, the first step that needs the sentence embedding computes it, so it is timed separately here by
 * embedding first) and prints each step's mean, p50 and p99 per kind of message (short texts from the test
 * folder, long messages, emoji-only messages), and the CPU time of the whole message on this thread (ONNX Runtime
 * runs the model on the calling thread), which other processes on a shared machine disturb far less than the
 * wall-clock time. A complement to the JMH numbers, not a replacement: it times with {@code System.nanoTime()}
 * around each step.
 *
 * <pre>
 * NluStepTimes [--rounds 5] [--models MODEL_DIR]
 * </pre>
 */
public final class NluStepTimes {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private NluStepTimes() {
    }

    public static void main(String[] args) {
        int rounds = Integer.parseInt(option(args, "--rounds", "5"));
        String models = option(args, "--models", null);
        Path data = BenchFolders.trainingData();
        List<String> messages = BenchMessages.load(data);
        try (MiniLmSentenceEncoder encoder = MiniLmSentenceEncoder.create(
                MiniLmSentenceEncoder.Options.defaults().withCacheCapacity(0))) {
            PipelineNluEngine engine;
            if (models != null) {
                engine = new ModelStore(Path.of(models)).loadActive(StepRegistry.discover(), encoder);
            } else {
                NluTrainer trainer = new NluTrainer(StepRegistry.discover(), encoder);
                engine = trainer.engine(trainer.train(new TrainingDataLoader().load(data), PipelineConfig.defaults(),
                        Progress.NONE), "step-times");
            }
            List<NluStep> steps = engine.steps();
            // columns: embedding, then each step, then the whole message
            List<String> columns = new ArrayList<>();
            columns.add("embedding");
            steps.forEach(s -> columns.add(s.name()));
            columns.add("total");
            columns.add("total cpu");
            Map<String, List<double[]>> byKind = new LinkedHashMap<>();
            for (int round = -1; round < rounds; round++) {
                for (String m : messages) {
                    double[] t = new double[columns.size()];
                    Analysis a = engine.newAnalysis(m);
                    long cpuStart = THREADS.getCurrentThreadCpuTime();
                    long start = System.nanoTime();
                    if (!a.text().isEmpty()) {
                        a.embedding();
                        long prev = System.nanoTime();
                        t[0] = (prev - start) / 1e6;
                        for (int s = 0; s < steps.size(); s++) {
                            steps.get(s).apply(a);
                            long now = System.nanoTime();
                            t[s + 1] = (now - prev) / 1e6;
                            prev = now;
                        }
                    }
                    t[columns.size() - 2] = (System.nanoTime() - start) / 1e6;
                    t[columns.size() - 1] = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e6;
                    if (round >= 0) { // round -1 warms up
                        byKind.computeIfAbsent(kind(m), k -> new ArrayList<>()).add(t);
                        byKind.computeIfAbsent("all (the benchmark's mix)", k -> new ArrayList<>()).add(t);
                    }
                }
            }
            System.out.printf("%d messages x %d rounds, %d cores, load average %.2f at the end%n", messages.size(), rounds,
                    Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            for (Map.Entry<String, List<double[]>> e : byKind.entrySet()) {
                System.out.printf("%n%s (%d timings)%n%-10s %8s %8s %8s%n", e.getKey(), e.getValue().size(), "ms", "mean",
                        "p50", "p99");
                for (int c = 0; c < columns.size(); c++) {
                    int col = c;
                    double[] v = e.getValue().stream().mapToDouble(t -> t[col]).sorted().toArray();
                    System.out.printf("%-10s %8.3f %8.3f %8.3f%n", columns.get(c), Arrays.stream(v).average().orElse(0),
                            percentile(v, 0.5), percentile(v, 0.99));
                }
            }
        }
    }

    static String kind(String message) {
        if (BenchMessages.LONG.contains(message)) {
            return "long";
        }
        if (BenchMessages.EMOJI_ONLY.contains(message)) {
            return "emoji-only";
        }
        return "test-set texts";
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
