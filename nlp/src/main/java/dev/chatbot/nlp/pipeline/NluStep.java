package dev.chatbot.nlp.pipeline;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One trained, immutable, thread-safe step of the NLU pipeline.
 *
 * <p>A step reads what earlier steps put into the {@link Analysis} and adds its own output. It must not
 * throw on odd input; when it cannot decide it leaves a neutral result (out of scope, no entities,
 * neutral sentiment, no FAQ hits).
 */
public interface NluStep {

    /** The step's name, as used in the pipeline configuration and as its folder in a model version. */
    String name();

    /** Adds this step's output to one message's analysis. */
    void apply(Analysis analysis);

    /**
     * Adds this step's output to several messages at once. Steps that can share work across messages
     * (batched sentence embeddings) override it; the default handles them one by one.
     */
    default void applyAll(java.util.List<Analysis> analyses) {
        analyses.forEach(this::apply);
    }

    /** Writes everything needed to {@link StepTrainer#load load} this step again into an empty folder. */
    void save(Path folder) throws IOException;
}
