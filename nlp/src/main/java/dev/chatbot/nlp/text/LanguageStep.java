package dev.chatbot.nlp.text;

import dev.chatbot.nlp.pipeline.Analysis;
import dev.chatbot.nlp.pipeline.NluStep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Pipeline step {@code language}: writes the ISO 639-1 language (or {@code und}) into the analysis. */
public final class LanguageStep implements NluStep {

    static final String SETTINGS = "language.properties";

    private final LanguageDetector detector;
    private final int minLetters;
    private final double minRatio;

    public LanguageStep(int minLetters, double minRatio) {
        this.detector = new OpenNlpLanguageDetector(minLetters, minRatio);
        this.minLetters = minLetters;
        this.minRatio = minRatio;
    }

    @Override
    public String name() {
        return "language";
    }

    @Override
    public void apply(Analysis analysis) {
        analysis.language(detector.detect(analysis.text()));
    }

    @Override
    public void save(Path folder) throws IOException {
        Properties p = new Properties();
        p.setProperty("model", OpenNlpLanguageDetector.MODEL_RESOURCE);
        p.setProperty("min_letters", Integer.toString(minLetters));
        p.setProperty("min_ratio", Double.toString(minRatio));
        try (var out = Files.newBufferedWriter(folder.resolve(SETTINGS))) {
            p.store(out, "language step");
        }
    }
}
