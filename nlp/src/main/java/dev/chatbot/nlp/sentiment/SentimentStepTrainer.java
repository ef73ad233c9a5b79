package dev.chatbot.nlp.sentiment;

import dev.chatbot.nlp.data.SentimentExample;
import dev.chatbot.nlp.data.TrainingData;
import dev.chatbot.nlp.ml.SoftmaxRegression;
import dev.chatbot.nlp.ml.StratifiedFolds;
import dev.chatbot.nlp.ml.TemperatureScaling;
import dev.chatbot.nlp.pipeline.NluStep;
import dev.chatbot.nlp.pipeline.StepContext;
import dev.chatbot.nlp.pipeline.StepTrainer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains the {@code sentiment} step from the {@code sentiment/} examples. Settings (optional):
 * {@code embeddings} ({@code true} by default; {@code false} uses n-grams and the lexicon only),
 * {@code cv_folds} (default 3; the temperature and the reported cross-validation accuracy come from
 * them), {@code epochs} (default 10).
 */
public final class SentimentStepTrainer implements StepTrainer {

    @Override
    public String name() {
        return SentimentStep.NAME;
    }

    @Override
    public NluStep train(TrainingData data, StepContext context) {
        List<String> texts = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        for (SentimentExample e : data.sentiment()) {
            int label = LinearSentimentClassifier.LABELS.indexOf(e.label());
            if (label < 0) {
                throw new IllegalArgumentException("sentiment: unknown label '" + e.label() + "' at " + e.source()
                        + " (use negative, neutral or positive)");
            }
            texts.add(e.text());
            y.add(label);
        }
        if (texts.isEmpty()) {
            return new SentimentStep(null, new SentimentStep.Meta(SentimentStep.FORMAT, "", false, Map.of()));
        }
        int[] labels = y.stream().mapToInt(Integer::intValue).toArray();
        boolean useEmbeddings = Boolean.parseBoolean(context.setting("embeddings", "true"));
        float[][] vectors = null;
        if (useEmbeddings) {
            context.progress().update("sentiment: embedding examples", 0, texts.size());
            vectors = context.encoder().encodeAll(texts).toArray(float[][]::new);
            context.progress().update("sentiment: embedding examples", texts.size(), texts.size());
        }
        SoftmaxRegression.Options o = new SoftmaxRegression.Options(context.setting("epochs", 10), 32, 0.01, 1e-5,
                context.seed());
        Map<String, Double> measured = new LinkedHashMap<>();
        double temperature = 1.0;
        int folds = context.setting("cv_folds", 3);
        if (folds >= 2 && texts.size() >= 10 * folds) {
            int[] fold = StratifiedFolds.assign(labels, 3, folds, context.seed());
            double[][] oof = new double[texts.size()][];
            for (int f = 0; f < folds; f++) {
                context.progress().update("sentiment: cross-validation", f, folds);
                List<String> tt = new ArrayList<>();
                List<Integer> ty = new ArrayList<>();
                List<float[]> tv = new ArrayList<>();
                for (int i = 0; i < texts.size(); i++) {
                    if (fold[i] != f) {
                        tt.add(texts.get(i));
                        ty.add(labels[i]);
                        if (vectors != null) {
                            tv.add(vectors[i]);
                        }
                    }
                }
                LinearSentimentClassifier c = LinearSentimentClassifier.train(tt, ty.stream().mapToInt(Integer::intValue).toArray(),
                        vectors == null ? null : tv.toArray(float[][]::new), o, 1.0);
                for (int i = 0; i < texts.size(); i++) {
                    if (fold[i] == f) {
                        oof[i] = c.logits(texts.get(i), vectors == null ? null : vectors[i]);
                    }
                }
            }
            temperature = TemperatureScaling.fit(oof, labels);
            int right = 0;
            for (int i = 0; i < oof.length; i++) {
                int best = 0;
                for (int c = 1; c < 3; c++) {
                    if (oof[i][c] > oof[i][best]) {
                        best = c;
                    }
                }
                right += best == labels[i] ? 1 : 0;
            }
            measured.put("cv_accuracy", (double) right / texts.size());
            measured.put("temperature", temperature);
        }
        LinearSentimentClassifier c = LinearSentimentClassifier.train(texts, labels, vectors, o, temperature);
        return new SentimentStep(c, new SentimentStep.Meta(SentimentStep.FORMAT,
                useEmbeddings ? context.encoder().modelId() : "", true, measured));
    }

    @Override
    public NluStep load(Path folder, StepContext context) throws IOException {
        return SentimentStep.load(folder, context.encoder().modelId());
    }
}
