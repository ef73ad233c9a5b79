package dev.chatbot.nlp.pipeline;

import dev.chatbot.nlp.data.TrainingData;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Trains one kind of {@link NluStep} from in-memory training data, or loads a trained one from its
 * folder in a model version. Implementations are registered by {@link #name()}.
 */
public interface StepTrainer {

    /** The step name this trainer produces; matches {@link NluStep#name()}. */
    String name();

    /** Trains the step. Reports progress through the context on long work. */
    NluStep train(TrainingData data, StepContext context);

    /** Loads a step saved by {@link NluStep#save}; fails with a clear message on a corrupt or missing folder. */
    NluStep load(Path folder, StepContext context) throws IOException;
}
