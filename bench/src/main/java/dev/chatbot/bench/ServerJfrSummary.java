package dev.chatbot.bench;

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
import java.util.List;
import java.util.Map;

/**
 * Reads a JFR recording of the chat server under load ({@code bench/turns-vs-ceiling.sh} with {@code BENCH_JFR=1})
 * and says where its CPU went: CPU by kind of thread ({@code jdk.ThreadCPULoad}), and the Java and native execution
 * samples of every thread by component of a bot turn (embedding, FAQ, other NLU, dialogue, store, logging, JSON,
 * Netty and the framework), each weighted by its sampling period, plus the most frequent top frames.
 *
 * <pre>
 * ServerJfrSummary RECORDING.jfr
 * </pre>
 */
public final class ServerJfrSummary {

    private static final List<String> SAMPLE_EVENTS = List.of("jdk.ExecutionSample", "jdk.NativeMethodSample");

    private ServerJfrSummary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ServerJfrSummary RECORDING.jfr");
            System.exit(2);
        }
        Map<Long, String> typeNames = new HashMap<>();
        Map<String, Duration> periods = new HashMap<>();
        Map<String, Map<String, Integer>> byComponent = new HashMap<>();
        Map<String, Integer> topFrames = new HashMap<>();
        Map<String, Integer> nativeWaits = new HashMap<>();
        Map<String, double[]> threadCpu = new HashMap<>(); // group -> {sum of load, number of readings}
        Map<String, Integer> readingsPerThread = new HashMap<>();
        double processCpu = 0;
        int processReadings = 0;
        try (RecordingFile recording = new RecordingFile(Path.of(args[0]))) {
            for (EventType t : recording.readEventTypes()) {
                typeNames.put(t.getId(), t.getName());
            }
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                String type = e.getEventType().getName();
                switch (type) {
                    case "jdk.ActiveSetting" -> {
                        String of = typeNames.get(e.getLong("id"));
                        if ("period".equals(e.getString("name")) && SAMPLE_EVENTS.contains(of)) {
                            periods.put(of, parsePeriod(e.getString("value")));
                        }
                    }
                    case "jdk.CPULoad" -> {
                        processCpu += e.getFloat("jvmUser") + e.getFloat("jvmSystem");
                        processReadings++;
                    }
                    case "jdk.ThreadCPULoad" -> {
                        RecordedThread t = e.getThread("eventThread");
                        String name = t == null ? "?" : String.valueOf(t.getOSName());
                        double[] acc = threadCpu.computeIfAbsent(group(name), k -> new double[2]);
                        acc[0] += e.getFloat("user") + e.getFloat("system");
                        readingsPerThread.merge(name, 1, Integer::sum);
                    }
                    case "jdk.ExecutionSample", "jdk.NativeMethodSample" -> {
                        RecordedStackTrace stack = e.getStackTrace();
                        List<RecordedFrame> frames = stack == null ? List.of() : stack.getFrames();
                        String component = component(frames);
                        String top = frames.isEmpty() ? "?" : name(frames.get(0));
                        if (type.equals("jdk.NativeMethodSample") && !component.startsWith("NLU: embedding")) {
                            // a thread in native code that is not the ONNX model is waiting (epoll, socket, file)
                            nativeWaits.merge(top, 1, Integer::sum);
                            continue;
                        }
                        byComponent.computeIfAbsent(type, k -> new HashMap<>()).merge(component, 1, Integer::sum);
                        topFrames.merge(top, 1, Integer::sum);
                    }
                    default -> { }
                }
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        if (processReadings > 0) {
            System.out.printf("process CPU (jdk.CPULoad, jvm user+system): %.2f of %d cores on average%n",
                    processCpu / processReadings * cores, cores);
        }
        // each thread reports its share of the machine once a period: sum per group, divided by readings per thread
        int rounds = readingsPerThread.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        System.out.println("\nCPU by kind of thread (jdk.ThreadCPULoad, in cores on average):");
        threadCpu.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(g -> System.out.printf("  %-44s %5.2f%n", g.getKey(), g.getValue()[0] / rounds * cores));

        Map<String, Double> millis = new HashMap<>();
        double total = 0;
        for (var typeEntry : byComponent.entrySet()) {
            double period = periods.getOrDefault(typeEntry.getKey(), Duration.ofMillis(20)).toNanos() / 1e6;
            int n = typeEntry.getValue().values().stream().mapToInt(Integer::intValue).sum();
            System.out.printf("%n%s: %d samples, every %.0f ms per thread", typeEntry.getKey(), n, period);
            for (var p : typeEntry.getValue().entrySet()) {
                millis.merge(p.getKey(), p.getValue() * period, Double::sum);
                total += p.getValue() * period;
            }
        }
        System.out.println("\n\nshare of the CPU samples (Java code, and native samples in ONNX Runtime), by component:");
        double all = total;
        millis.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(p -> System.out.printf("  %-44s %5.1f %%%n", p.getKey(), 100 * p.getValue() / all));
        System.out.println("\nmost frequent top frames of those samples:");
        topFrames.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(30)
                .forEach(f -> System.out.printf("  %6d  %s%n", f.getValue(), f.getKey()));
        System.out.println("\nthreads waiting in native code (not CPU), by top frame:");
        nativeWaits.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(8)
                .forEach(f -> System.out.printf("  %6d  %s%n", f.getValue(), f.getKey()));
    }

    /** Threads grouped by what they are, from their OS names. */
    static String group(String name) {
        if (name.startsWith("default-nioEventLoopGroup") || name.contains("EventLoop") || name.contains("eventLoop")) {
            return "Netty event loops";
        }
        if (name.startsWith("ForkJoinPool-") || name.startsWith("ForkJoinPool.commonPool")) {
            return "virtual-thread carriers / common pool";
        }
        if (name.startsWith("GC ") || name.startsWith("G1 ") || name.contains("GC Thread") || name.startsWith("ZGC")) {
            return "garbage collector";
        }
        if (name.startsWith("C1 ") || name.startsWith("C2 ") || name.contains("CompilerThread")) {
            return "JIT compiler";
        }
        if (name.startsWith("JFR ") || name.startsWith("JFR")) {
            return "JFR itself";
        }
        if (name.startsWith("default-blocking") || name.startsWith("io-executor") || name.startsWith("pool-")) {
            return "framework blocking pools";
        }
        if (name.startsWith("H2 ") || name.startsWith("MVStore") || name.contains("h2")) {
            return "H2 background";
        }
        return "other: " + name.replaceAll("[-#]?\\d+$", "");
    }

    /** Which component of a bot turn a stack belongs to, innermost attribution first. */
    static String component(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String cls = f.getMethod().getType().getName();
            if (cls.startsWith("ai.onnxruntime.") || cls.endsWith(".MiniLmSentenceEncoder")) {
                return "NLU: embedding (MiniLM, ONNX Runtime)";
            }
            if (cls.endsWith(".LuceneFaqRetriever") || cls.startsWith("org.apache.lucene.")) {
                return "NLU: FAQ retrieval (Lucene)";
            }
            if (cls.startsWith("dev.chatbot.nlp.") || cls.startsWith("opennlp.") || cls.startsWith("ai.djl.")) {
                return "NLU: other steps";
            }
            if (cls.startsWith("ch.qos.logback.") || cls.startsWith("org.slf4j.")) {
                return "logging";
            }
            if (cls.startsWith("org.h2.") || cls.startsWith("org.postgresql.") || cls.startsWith("com.zaxxer.")
                    || cls.endsWith(".JdbcConversationStore")) {
                return "store (JDBC)";
            }
            if (cls.startsWith("com.fasterxml.jackson.") || cls.startsWith("io.micronaut.serde.")) {
                return "JSON";
            }
            if (cls.startsWith("dev.chatbot.core.dialogue.") || cls.startsWith("dev.chatbot.core.policy")) {
                return "dialogue and policies";
            }
        }
        for (RecordedFrame f : frames) {
            String cls = f.getMethod().getType().getName();
            if (cls.startsWith("dev.chatbot.")) {
                return "chatbot (other)";
            }
        }
        for (RecordedFrame f : frames) {
            String cls = f.getMethod().getType().getName();
            if (cls.startsWith("io.netty.") || cls.startsWith("io.micronaut.")) {
                return "Netty and Micronaut";
            }
            if (cls.startsWith("java.util.concurrent.") || cls.startsWith("jdk.internal.vm.Continuation")
                    || cls.startsWith("java.lang.VirtualThread")) {
                return "JDK scheduling (executors, virtual threads)";
            }
        }
        return "other JDK";
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

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
