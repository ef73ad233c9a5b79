package dev.chatbot.connectors.config;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.nio.file.Path;
import java.util.Optional;

/** Where trained model versions live, and how many CPU threads NLU may use at once. */
@ConfigurationProperties("chatbot.nlu")
public class NluConfig {

    private Path modelsDir;
    private int maxConcurrent = Math.max(1, Runtime.getRuntime().availableProcessors());

    /** Model versions folder; default {@code <home>/models}. Several servers may share one (read-mostly). */
    public Optional<Path> getModelsDir() {
        return Optional.ofNullable(modelsDir);
    }

    public void setModelsDir(Path modelsDir) {
        this.modelsDir = modelsDir;
    }

    /** Bot turns analysed at the same time (CPU-bound; default: one per core). */
    public int getMaxConcurrent() {
        return maxConcurrent;
    }

    public void setMaxConcurrent(int maxConcurrent) {
        this.maxConcurrent = maxConcurrent;
    }
}
