package dev.chatbot.nlp.bench;

import dev.chatbot.nlp.data.TrainingData;
import dev.chatbot.nlp.data.TrainingDataLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the dev benchmarks and reads training-data folders for the bench harnesses through the
 * project's own loader.
 */
public final class BenchmarkFolders {

    private BenchmarkFolders() {
    }

    /** The shared dev-benchmarks folder, or the one named by {@code CHATBOT_DEV_BENCHMARKS}. */
    public static Path devBenchmarks() {
        String env = System.getenv("CHATBOT_DEV_BENCHMARKS");
        if (env != null) {
            return Path.of(env);
        }
        for (Path p : List.of(Path.of("/work/shared/dev-benchmarks"), Path.of("../../shared/dev-benchmarks"),
                Path.of("../shared/dev-benchmarks"))) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("dev-benchmarks folder not found; set CHATBOT_DEV_BENCHMARKS");
    }

    /** Reads a training-data folder with the project's loader (fails on invalid data). */
    public static TrainingData read(Path root) throws IOException {
        return new TrainingDataLoader().load(root);
    }
}
