package dev.chatbot.bench.nlu;

import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a JFR recording of the latency benchmark and says where the benchmark threads' time went, by pipeline
 * step: Java samples ({@code jdk.ExecutionSample}) and samples of threads in native code
 * ({@code jdk.NativeMethodSample}, which is where ONNX Runtime computes the embedding), each weighted by its
 * sampling period from the recording's settings, plus the most frequent top frames.
 *
 * <pre>
 * NluJfrSummary RECORDING.jfr
 * </pre>
 */
public final class NluJfrSummary {

    private static final List<String> SAMPLE_EVENTS = List.of("jdk.ExecutionSample", "jdk.NativeMethodSample");

    private NluJfrSummary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: NluJfrSummary RECORDING.jfr");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        Map<Long, String> typeNames = new HashMap<>();
        Map<String, Duration> periods = new HashMap<>();
        Map<String, Map<String, Integer>> byPart = new LinkedHashMap<>();
        Map<String, Integer> topFrames = new HashMap<>();
        try (RecordingFile recording = new RecordingFile(file)) {
            for (EventType t : recording.readEventTypes()) {
                typeNames.put(t.getId(), t.getName());
            }
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                String type = e.getEventType().getName();
                if (type.equals("jdk.ActiveSetting") && "period".equals(e.getString("name"))) {
                    String of = typeNames.get(e.getLong("id"));
                    if (SAMPLE_EVENTS.contains(of)) {
                        periods.put(of, parsePeriod(e.getString("value")));
                    }
                    continue;
                }
                if (!SAMPLE_EVENTS.contains(type)) {
                    continue;
                }
                RecordedThread thread = e.getThread("sampledThread");
                if (thread == null || thread.getJavaName() == null || !thread.getJavaName().contains("jmh-worker")) {
                    continue;
                }
                RecordedStackTrace stack = e.getStackTrace();
                List<RecordedFrame> frames = stack == null ? List.of() : stack.getFrames();
                byPart.computeIfAbsent(type, k -> new TreeMap<>()).merge(part(frames), 1, Integer::sum);
                if (!frames.isEmpty()) {
                    topFrames.merge(name(frames.get(0)), 1, Integer::sum);
                }
            }
        }
        Map<String, Double> millis = new TreeMap<>();
        double total = 0;
        for (var typeEntry : byPart.entrySet()) {
            double period = periods.getOrDefault(typeEntry.getKey(), Duration.ofMillis(20)).toNanos() / 1e6;
            int n = typeEntry.getValue().values().stream().mapToInt(Integer::intValue).sum();
            System.out.printf("%s: %d samples of the benchmark threads, every %.0f ms%n", typeEntry.getKey(), n, period);
            for (var p : typeEntry.getValue().entrySet()) {
                millis.merge(p.getKey(), p.getValue() * period, Double::sum);
                total += p.getValue() * period;
            }
        }
        System.out.println("\nestimated share of the sampled time, by part of the pipeline:");
        double all = total;
        millis.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(p -> System.out.printf("  %-40s %5.1f %%%n", p.getKey(), 100 * p.getValue() / all));
        System.out.println("\nmost frequent top frames (all sample kinds):");
        topFrames.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
                .forEach(f -> System.out.printf("  %6d  %s%n", f.getValue(), f.getKey()));
    }

    /** Which part of the pipeline a stack belongs to, innermost attribution first. */
    static String part(List<RecordedFrame> frames) {
        boolean faq = false;
        String step = null;
        for (RecordedFrame f : frames) {
            String cls = f.getMethod().getType().getName();
            if (cls.endsWith(".MiniLmSentenceEncoder")) {
                return "embedding (MiniLM, ONNX Runtime)";
            }
            if (cls.endsWith(".LuceneFaqRetriever") || cls.endsWith(".FaqStep")) {
                faq = true;
            }
            if (step == null && cls.startsWith("dev.chatbot.nlp.") && cls.endsWith("Step")) {
                step = cls.substring(cls.lastIndexOf('.') + 1);
            }
        }
        if (faq) {
            for (RecordedFrame f : frames) {
                String cls = f.getMethod().getType().getName();
                String m = f.getMethod().getName();
                if (cls.contains("StoredFields") || cls.contains(".compress.")) {
                    return "faq: stored fields";
                }
                if (cls.contains("Hnsw") || cls.contains("VectorUtil") || cls.contains("KnnFloatVector")) {
                    return "faq: vector search (HNSW)";
                }
                if (m.equals("bestCosine")) {
                    return "faq: exact cosine per entry";
                }
            }
            return "faq: BM25, analysis and fusion";
        }
        return step != null ? step : "outside the steps (engine, harness)";
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    /** Parses JFR period settings such as {@code "10 ms"}, {@code "20 ms"} or {@code "1 s"}. */
    static Duration parsePeriod(String value) {
        String[] parts = value.strip().split("\\s+");
        try {
            long n = Long.parseLong(parts[0]);
            String unit = parts.length > 1 ? parts[1] : "ms";
            return switch (unit) {
                case "ns" -> Duration.ofNanos(n);
                case "us" -> Duration.ofNanos(n * 1000);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMillis(n);
            };
        } catch (NumberFormatException e) {
            return Duration.ofMillis(20);
        }
    }
}
