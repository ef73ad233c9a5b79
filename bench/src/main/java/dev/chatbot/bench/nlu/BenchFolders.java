package dev.chatbot.bench.nlu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the benchmarks find their data: the default bot's folder and the shared dev benchmarks. System
 * properties win over environment variables, which win over the usual places seen from the repository root
 * or from {@code bench/}.
 */
final class BenchFolders {

    private BenchFolders() {
    }

    /** The default bot's training-data folder ({@code chatbot.bench.data} or {@code CHATBOT_BENCH_DATA}). */
    static Path trainingData() {
        return find("chatbot.bench.data", "CHATBOT_BENCH_DATA", List.of(Path.of("training-data"),
                Path.of("../training-data")), "the default bot's training-data folder");
    }

    /** The shared dev-benchmarks folder ({@code chatbot.bench.dev-benchmarks} or {@code CHATBOT_DEV_BENCHMARKS}). */
    static Path devBenchmarks() {
        return find("chatbot.bench.dev-benchmarks", "CHATBOT_DEV_BENCHMARKS", List.of(Path.of("../shared/dev-benchmarks"),
                Path.of("../../shared/dev-benchmarks"), Path.of("/work/shared/dev-benchmarks")), "the dev-benchmarks folder");
    }

    private static Path find(String property, String env, List<Path> usual, String what) {
        String given = System.getProperty(property, System.getenv(env));
        if (given != null && !given.isBlank()) {
            Path p = Path.of(given);
            if (!Files.isDirectory(p)) {
                throw new IllegalStateException(what + " " + p.toAbsolutePath() + " (from " + property + " or " + env
                        + ") is not a folder");
            }
            return p;
        }
        return usual.stream().filter(Files::isDirectory).findFirst().orElseThrow(() -> new IllegalStateException(
                what + " not found from " + Path.of("").toAbsolutePath() + "; set -D" + property + "=DIR or " + env));
    }
}
