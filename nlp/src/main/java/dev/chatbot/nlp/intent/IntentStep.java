package dev.chatbot.nlp.intent;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatbot.nlp.IntentPrediction;
import dev.chatbot.nlp.ScoredLabel;
import dev.chatbot.nlp.ml.TemperatureScaling;
import dev.chatbot.nlp.pipeline.Analysis;
import dev.chatbot.nlp.pipeline.NluStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trained intent step: scores every intent with its classifier, calibrates the scores with a
 * temperature fitted on held-out folds, and decides out of scope when the reserved
 * {@code out_of_scope} intent wins or the best probability is below the threshold. Immutable and
 * thread-safe; never throws on odd input (it logs and answers out of scope with confidence 0).
 */
public final class IntentStep implements NluStep {

    public static final String NAME = "intent";
    static final String META = "intent.json";
    static final int FORMAT = 1;
    private static final int RANKING_SIZE = 5;
    private static final Logger LOG = LoggerFactory.getLogger(IntentStep.class);

    /**
     * What is saved next to the classifier's files.
     *
     * @param format         file format version
     * @param method         classifier method
     * @param encoderModelId the sentence encoder the classifier was trained with (empty when it uses none)
     * @param temperature    calibration temperature
     * @param threshold      confidence below which a message is out of scope
     * @param labels         the intents
     * @param measured       cross-validation numbers measured at training time (for reports)
     */
    public record Meta(int format, String method, String encoderModelId, double temperature, double threshold,
                       List<String> labels, Map<String, Double> measured) {
    }

    private final IntentClassifier classifier;
    private final Meta meta;
    private final int oosIndex;

    IntentStep(IntentClassifier classifier, Meta meta) {
        this.classifier = classifier;
        this.meta = meta;
        this.oosIndex = classifier == null ? -1 : classifier.labels().indexOf(IntentPrediction.OUT_OF_SCOPE);
    }

    @Override
    public String name() {
        return NAME;
    }

    public Meta meta() {
        return meta;
    }

    public double threshold() {
        return meta.threshold();
    }

    /** Classifies one text with an embedding computed elsewhere (null if the classifier needs none). */
    public IntentPrediction predict(String text, float[] embedding) {
        if (classifier == null) {
            return IntentPrediction.outOfScope(0.0, List.of());
        }
        double[] p = TemperatureScaling.probabilities(classifier.scores(text, embedding), meta.temperature());
        List<String> labels = classifier.labels();
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -p[i]));
        List<ScoredLabel> ranking = new ArrayList<>(Math.min(RANKING_SIZE, order.length));
        for (int r = 0; r < Math.min(RANKING_SIZE, order.length); r++) {
            ranking.add(new ScoredLabel(labels.get(order[r]), p[order[r]]));
        }
        int best = order[0];
        if (best == oosIndex) {
            return IntentPrediction.outOfScope(p[best], ranking);
        }
        if (p[best] < meta.threshold()) {
            // the best guess is too unsure: out of scope with the probability that the guess is wrong
            return IntentPrediction.outOfScope(1.0 - p[best], ranking);
        }
        return new IntentPrediction(labels.get(best), p[best], false, ranking);
    }

    @Override
    public void apply(Analysis analysis) {
        try {
            float[] embedding = classifier != null && classifier.usesEmbeddings() ? analysis.embedding() : null;
            analysis.intent(predict(analysis.text(), embedding));
        } catch (RuntimeException e) {
            LOG.warn("intent step failed on a message of {} chars; answering out of scope", analysis.text().length(), e);
            analysis.intent(IntentPrediction.outOfScope(0.0, List.of()));
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
        if (classifier != null) {
            classifier.save(folder.resolve("classifier"));
        }
    }

    static IntentStep load(Path folder, String expectedEncoderId) throws IOException {
        Path metaFile = folder.resolve(META);
        if (!Files.isRegularFile(metaFile)) {
            throw new IOException("intent model folder " + folder + " has no " + META);
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
        if (meta.labels() == null || meta.labels().isEmpty()) {
            return new IntentStep(null, meta);
        }
        IntentClassifier c = IntentClassifiers.load(folder.resolve("classifier"), meta.method());
        if (c.usesEmbeddings() && !meta.encoderModelId().equals(expectedEncoderId)) {
            throw new IOException("intent model in " + folder + " was trained with sentence encoder '"
                    + meta.encoderModelId() + "' but the pipeline uses '" + expectedEncoderId + "'; retrain");
        }
        if (!c.labels().equals(meta.labels())) {
            throw new IOException("intent model in " + folder + ": classifier labels differ from " + META);
        }
        return new IntentStep(c, meta);
    }

    static Map<String, Double> measured(Map<String, Double> m) {
        return new LinkedHashMap<>(m);
    }
}
