package dev.chatbot.nlp.sentiment;

import dev.chatbot.nlp.SentimentPrediction;
import dev.chatbot.nlp.ml.FeatureRow;
import dev.chatbot.nlp.ml.SoftmaxRegression;
import dev.chatbot.nlp.ml.SparseVector;
import dev.chatbot.nlp.ml.TemperatureScaling;
import dev.chatbot.nlp.ml.TextFeaturizer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Three-class logistic regression over the sentence embedding, word and character n-gram TF-IDF, and
 * the {@link SentimentLexicon} features, with a temperature for calibrated probabilities.
 */
public final class LinearSentimentClassifier implements SentimentClassifier {

    /** The classes, in model order. */
    public static final List<String> LABELS = List.of(SentimentPrediction.NEGATIVE, SentimentPrediction.NEUTRAL,
            SentimentPrediction.POSITIVE);
    private static final String WEIGHTS = "sentiment.bin";
    private static final String VOCABULARY = "ngrams.tsv";
    private static final float LEXICON_WEIGHT = 0.5f;

    private final TextFeaturizer featurizer;
    private final SoftmaxRegression model;
    private final boolean embeddings;
    private final double temperature;

    private LinearSentimentClassifier(TextFeaturizer featurizer, SoftmaxRegression model, boolean embeddings,
                                      double temperature) {
        this.featurizer = featurizer;
        this.model = model;
        this.embeddings = embeddings;
        this.temperature = temperature;
    }

    /**
     * @param texts      training texts
     * @param labels     class of each text (index into {@link #LABELS})
     * @param vectors    embedding of each text, or null to train without embeddings
     */
    public static LinearSentimentClassifier train(List<String> texts, int[] labels, float[][] vectors,
                                                  SoftmaxRegression.Options options, double temperature) {
        TextFeaturizer featurizer = TextFeaturizer.fit(texts,
                new TextFeaturizer.Options(2, 3, 5, texts.size() < 2000 ? 1 : 2, 50_000));
        List<FeatureRow> rows = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            rows.add(row(featurizer, texts.get(i), vectors == null ? null : vectors[i]));
        }
        int dense = vectors == null ? 0 : vectors[0].length;
        SoftmaxRegression model = SoftmaxRegression.train(rows, labels, LABELS.size(), dense,
                featurizer.dimensions() + SentimentLexicon.FEATURES.size(), options, e -> { });
        return new LinearSentimentClassifier(featurizer, model, vectors != null, temperature);
    }

    LinearSentimentClassifier withTemperature(double t) {
        return new LinearSentimentClassifier(featurizer, model, embeddings, t);
    }

    private static FeatureRow row(TextFeaturizer featurizer, String text, float[] embedding) {
        SparseVector ngrams = featurizer.transform(text);
        float[] lex = SentimentLexicon.features(text);
        int n = ngrams.size();
        int[] idx = new int[n + lex.length];
        float[] val = new float[n + lex.length];
        System.arraycopy(ngrams.indices(), 0, idx, 0, n);
        System.arraycopy(ngrams.values(), 0, val, 0, n);
        int k = n;
        for (int j = 0; j < lex.length; j++) {
            if (lex[j] != 0f) {
                idx[k] = featurizer.dimensions() + j;
                val[k] = lex[j] * LEXICON_WEIGHT;
                k++;
            }
        }
        return new FeatureRow(embedding, new SparseVector(java.util.Arrays.copyOf(idx, k), java.util.Arrays.copyOf(val, k)));
    }

    /** Uncalibrated class scores. */
    double[] logits(String text, float[] embedding) {
        return model.logits(row(featurizer, text == null ? "" : text, embeddings ? embedding : null));
    }

    @Override
    public SentimentPrediction classify(String text, float[] embedding) {
        double[] p = TemperatureScaling.probabilities(logits(text, embedding), temperature);
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        Map<String, Double> probs = new HashMap<>();
        for (int i = 0; i < p.length; i++) {
            probs.put(LABELS.get(i), p[i]);
        }
        return new SentimentPrediction(LABELS.get(best), p[2] - p[0], probs);
    }

    @Override
    public boolean usesEmbeddings() {
        return embeddings;
    }

    public double temperature() {
        return temperature;
    }

    void save(Path folder) throws IOException {
        Files.createDirectories(folder);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                Files.newOutputStream(folder.resolve(WEIGHTS))))) {
            out.writeBoolean(embeddings);
            out.writeDouble(temperature);
            model.write(out);
        }
        featurizer.save(folder.resolve(VOCABULARY));
    }

    static LinearSentimentClassifier load(Path folder) throws IOException {
        Path weights = folder.resolve(WEIGHTS);
        if (!Files.isRegularFile(weights)) {
            throw new IOException("missing " + weights);
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(weights)))) {
            boolean emb = in.readBoolean();
            double t = in.readDouble();
            SoftmaxRegression model = SoftmaxRegression.read(in);
            if (model.classes() != LABELS.size() || !(t > 0)) {
                throw new IOException(weights + " is corrupt");
            }
            return new LinearSentimentClassifier(TextFeaturizer.load(folder.resolve(VOCABULARY)), model, emb, t);
        } catch (java.io.EOFException e) {
            throw new IOException(weights + " is truncated", e);
        }
    }
}
