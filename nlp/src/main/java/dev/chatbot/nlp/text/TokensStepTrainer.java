package dev.chatbot.nlp.text;

import dev.chatbot.nlp.data.TrainingData;
import dev.chatbot.nlp.pipeline.NluStep;
import dev.chatbot.nlp.pipeline.StepContext;
import dev.chatbot.nlp.pipeline.StepTrainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Step {@code tokens}: OpenNLP's pretrained English tokenizer. Nothing is learned from the training data;
 * the saved folder records which model was used.
 */
public final class TokensStepTrainer implements StepTrainer {

    @Override
    public String name() {
        return "tokens";
    }

    @Override
    public NluStep train(TrainingData data, StepContext context) {
        return new TokensStep(new OpenNlpTokenizer());
    }

    @Override
    public NluStep load(Path folder, StepContext context) throws IOException {
        Path marker = folder.resolve(TokensStep.MARKER);
        if (!Files.isRegularFile(marker)) {
            throw new IOException("missing " + marker);
        }
        String model = Files.readString(marker).strip();
        if (!model.equals(OpenNlpTokenizer.MODEL_RESOURCE)) {
            throw new IOException("saved with tokenizer model " + model + ", this build has " + OpenNlpTokenizer.MODEL_RESOURCE);
        }
        return new TokensStep(new OpenNlpTokenizer());
    }
}
