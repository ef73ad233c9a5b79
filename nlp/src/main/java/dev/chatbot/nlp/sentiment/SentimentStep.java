package dev.chatbot.nlp.sentiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatbot.nlp.SentimentPrediction;
import dev.chatbot.nlp.pipeline.Analysis;
import dev.chatbot.nlp.pipeline.NluStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The trained {@code sentiment} step: negative, neutral or positive with a score P(positive) -
 * P(negative). Without training examples it answers neutral. Immutable, thread-safe, never throws on
 * odd input.
 */
public final class SentimentStep implements NluStep {

    public static final String NAME = "sentiment";
    static final String META = "sentiment.json";
    static final int FORMAT = 1;
    private static final Logger LOG = LoggerFactory.getLogger(SentimentStep.class);

    /**
     * @param format         file format version
     * @param encoderModelId sentence encoder used in training, empty when none
     * @param trained        whether a model exists (false when there were no examples)
     * @param measured       cross-validation numbers from training
     */
    public record Meta(int format, String encoderModelId, boolean trained, Map<String, Double> measured) {
    }

    private final SentimentClassifier classifier;
    private final Meta meta;

    SentimentStep(SentimentClassifier classifier, Meta meta) {
        this.classifier = classifier;
        this.meta = meta;
    }

    @Override
    public String name() {
        return NAME;
    }

    public Meta meta() {
        return meta;
    }

    public SentimentPrediction predict(String text, float[] embedding) {
        return classifier == null ? SentimentPrediction.neutral() : classifier.classify(text, embedding);
    }

    @Override
    public void apply(Analysis analysis) {
        try {
            float[] e = classifier != null && classifier.usesEmbeddings() ? analysis.embedding() : null;
            analysis.sentiment(predict(analysis.text(), e));
        } catch (RuntimeException e) {
            LOG.warn("sentiment step failed on a message of {} chars; answering neutral", analysis.text().length(), e);
            analysis.sentiment(SentimentPrediction.neutral());
        }
    }

    @Override
    public void applyAll(List<Analysis> analyses) {
        if (classifier != null && classifier.usesEmbeddings()) {
            try {
                Analysis.embedAll(analyses);
            } catch (RuntimeException e) {
                LOG.warn("batched embedding failed; falling back to one by one", e);
            }
        }
        analyses.forEach(this::apply);
    }

    @Override
    public void save(Path folder) throws IOException {
        Files.createDirectories(folder);
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(folder.resolve(META).toFile(), meta);
        if (classifier instanceof LinearSentimentClassifier c) {
            c.save(folder.resolve("classifier"));
        }
    }

    static SentimentStep load(Path folder, String expectedEncoderId) throws IOException {
        Path metaFile = folder.resolve(META);
        if (!Files.isRegularFile(metaFile)) {
            throw new IOException("sentiment model folder " + folder + " has no " + META);
        }
        Meta meta;
        try {
            meta = new ObjectMapper().readValue(metaFile.toFile(), Meta.class);
        } catch (IOException e) {
            throw new IOException(metaFile + " is not valid: " + e.getMessage(), e);
        }
        if (meta.format() != FORMAT) {
            throw new IOException(metaFile + " has format " + meta.format() + "; this version reads " + FORMAT);
        }
        if (!meta.trained()) {
            return new SentimentStep(null, meta);
        }
        LinearSentimentClassifier c = LinearSentimentClassifier.load(folder.resolve("classifier"));
        if (c.usesEmbeddings() && !expectedEncoderId.equals(meta.encoderModelId())) {
            throw new IOException("sentiment model in " + folder + " was trained with sentence encoder '"
                    + meta.encoderModelId() + "' but the pipeline uses '" + expectedEncoderId + "'; retrain");
        }
        return new SentimentStep(c, meta);
    }
}
