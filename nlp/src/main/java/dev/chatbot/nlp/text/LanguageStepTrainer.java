package dev.chatbot.nlp.text;

import dev.chatbot.nlp.data.TrainingData;
import dev.chatbot.nlp.pipeline.NluStep;
import dev.chatbot.nlp.pipeline.StepContext;
import dev.chatbot.nlp.pipeline.StepTrainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Step {@code language}: OpenNLP's pretrained language detector. Settings: {@code min_letters} (default 10)
 * and {@code min_ratio} (default 1.25, best guess versus runner-up): shorter or less certain messages are
 * {@code und}.
 */
public final class LanguageStepTrainer implements StepTrainer {

    public static final int DEFAULT_MIN_LETTERS = 10;
    public static final double DEFAULT_MIN_RATIO = 1.25;

    @Override
    public String name() {
        return "language";
    }

    @Override
    public NluStep train(TrainingData data, StepContext context) {
        OpenNlpLanguageDetector.preload();
        return new LanguageStep(context.setting("min_letters", DEFAULT_MIN_LETTERS),
                context.setting("min_ratio", DEFAULT_MIN_RATIO));
    }

    @Override
    public NluStep load(Path folder, StepContext context) throws IOException {
        Path file = folder.resolve(LanguageStep.SETTINGS);
        if (!Files.isRegularFile(file)) {
            throw new IOException("missing " + file);
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        try {
            return new LanguageStep(Integer.parseInt(p.getProperty("min_letters")),
                    Double.parseDouble(p.getProperty("min_ratio")));
        } catch (RuntimeException e) {
            throw new IOException("corrupt " + file + ": " + e.getMessage(), e);
        }
    }
}
