package dev.chatbot.nlp.intent;

import dev.chatbot.nlp.IntentPrediction;
import dev.chatbot.nlp.data.IntentDefinition;
import dev.chatbot.nlp.data.IntentExample;
import dev.chatbot.nlp.data.TrainingData;
import dev.chatbot.nlp.ml.SoftmaxRegression;
import dev.chatbot.nlp.ml.StratifiedFolds;
import dev.chatbot.nlp.ml.TemperatureScaling;
import dev.chatbot.nlp.ml.TextFeaturizer;
import dev.chatbot.nlp.pipeline.NluStep;
import dev.chatbot.nlp.pipeline.StepContext;
import dev.chatbot.nlp.pipeline.StepTrainer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Trains the {@code intent} step.
 *
 * <p>Step settings (all optional):
 * <ul>
 *   <li>{@code method}: {@code ensemble} (default: the average of {@code embedding-logreg} and
 *       {@code ngram-logreg}, chosen by measurement, see docs/nlu-quality.md), {@code hybrid-logreg},
 *       {@code embedding-logreg}, {@code ngram-logreg}, {@code knn}, {@code opennlp}</li>
 *   <li>{@code threshold}: out-of-scope confidence threshold, or {@code auto} (default) to choose it by
 *       cross-validation on the training data ({@link ThresholdSelector})</li>
 *   <li>{@code oos_weight}: weight of out-of-scope recall against in-scope accuracy when choosing the
 *       threshold (default 0.25: an in-scope error costs four missed out-of-scope messages)</li>
 *   <li>{@code max_in_scope_loss}: the threshold may cost at most this much held-out in-scope accuracy
 *       (default 0.02 when the data has at least 20 {@code out_of_scope} examples, else 0.005: without
 *       them every rejection of a known message is a pure loss)</li>
 *   <li>{@code cv_folds}: folds for calibration and threshold (default 3; below 2 turns them off)</li>
 *   <li>{@code epochs}: passes of the linear models (default 10); {@code knn_k} (default 10)</li>
 * </ul>
 * The temperature that calibrates confidences is fitted on the same held-out folds.
 */
public final class IntentStepTrainer implements StepTrainer {

    public static final String DEFAULT_METHOD = "ensemble";
    static final double FALLBACK_THRESHOLD = 0.3;

    @Override
    public String name() {
        return IntentStep.NAME;
    }

    @Override
    public NluStep train(TrainingData data, StepContext context) {
        String method = context.setting("method", DEFAULT_METHOD);
        List<String> baseMethods = switch (method) {
            case "ensemble" -> List.of("embedding-logreg", "ngram-logreg");
            case "opennlp", "embedding-logreg", "ngram-logreg", "hybrid-logreg", "knn" -> List.of(method);
            default -> throw new IllegalArgumentException("intent: unknown method '" + method
                    + "' (use ensemble, hybrid-logreg, embedding-logreg, ngram-logreg, knn or opennlp)");
        };
        TreeSet<String> names = new TreeSet<>();
        List<String> texts = new ArrayList<>();
        List<String> textLabels = new ArrayList<>();
        for (IntentDefinition d : data.intents()) {
            for (IntentExample e : d.examples()) {
                names.add(d.name());
                texts.add(e.text());
                textLabels.add(d.name());
            }
        }
        String thresholdSetting = context.setting("threshold", "auto");
        if (names.isEmpty()) {
            return new IntentStep(null, new IntentStep.Meta(IntentStep.FORMAT, method, "", 1.0, 1.0, List.of(), Map.of()));
        }
        List<String> labels = List.copyOf(names);
        int[] y = textLabels.stream().mapToInt(labels::indexOf).toArray();
        boolean needsEmbeddings = baseMethods.stream().anyMatch(m -> !m.equals("opennlp") && !m.equals("ngram-logreg"));
        float[][] embeddings = needsEmbeddings ? embed(texts, context) : null;
        IntentTrainingSet set = new IntentTrainingSet(labels, texts, embeddings, y);

        int folds = context.setting("cv_folds", 3);
        Map<String, Double> measured = new LinkedHashMap<>();
        double threshold = "auto".equals(thresholdSetting) ? FALLBACK_THRESHOLD : parseThreshold(thresholdSetting);
        double[] memberTemperature = new double[baseMethods.size()];
        java.util.Arrays.fill(memberTemperature, 1.0);
        double temperature = 1.0;
        int totalWork = (folds >= 2 ? folds : 0) + 1;
        if (folds >= 2 && set.size() >= 4 * folds && labels.size() >= 2) {
            int[] fold = StratifiedFolds.assign(y, labels.size(), folds, context.seed());
            double[][][] oof = new double[baseMethods.size()][set.size()][];
            for (int f = 0; f < folds; f++) {
                context.progress().update("intent: cross-validation", f, totalWork);
                List<Integer> trainIdx = new ArrayList<>();
                List<Integer> testIdx = new ArrayList<>();
                for (int i = 0; i < set.size(); i++) {
                    (fold[i] == f ? testIdx : trainIdx).add(i);
                }
                IntentTrainingSet part = set.subset(trainIdx.stream().mapToInt(Integer::intValue).toArray());
                for (int m = 0; m < baseMethods.size(); m++) {
                    IntentClassifier c = trainBase(baseMethods.get(m), part, context);
                    for (int i : testIdx) {
                        oof[m][i] = c.scores(texts.get(i), embeddings == null ? null : embeddings[i]);
                    }
                }
            }
            double[][] combined;
            for (int m = 0; m < baseMethods.size(); m++) {
                memberTemperature[m] = TemperatureScaling.fit(oof[m], y);
            }
            if (baseMethods.size() == 1) {
                combined = oof[0];
                temperature = memberTemperature[0];
            } else {
                combined = new double[set.size()][];
                for (int i = 0; i < set.size(); i++) {
                    double[] avg = new double[labels.size()];
                    for (int m = 0; m < baseMethods.size(); m++) {
                        double[] p = TemperatureScaling.probabilities(oof[m][i], memberTemperature[m]);
                        for (int c = 0; c < avg.length; c++) {
                            avg[c] += p[c] / baseMethods.size();
                        }
                    }
                    for (int c = 0; c < avg.length; c++) {
                        avg[c] = Math.log(Math.max(avg[c], 1e-12));
                    }
                    combined[i] = avg;
                }
                temperature = TemperatureScaling.fit(combined, y);
            }
            double[][] probs = new double[set.size()][];
            double[] conf = new double[set.size()];
            boolean[] correct = new boolean[set.size()];
            int right = 0;
            for (int i = 0; i < set.size(); i++) {
                probs[i] = TemperatureScaling.probabilities(combined[i], temperature);
                int best = 0;
                for (int c = 1; c < probs[i].length; c++) {
                    if (probs[i][c] > probs[i][best]) {
                        best = c;
                    }
                }
                conf[i] = probs[i][best];
                correct[i] = best == y[i];
                right += correct[i] ? 1 : 0;
            }
            measured.put("cv_accuracy", (double) right / set.size());
            measured.put("cv_expected_calibration_error", TemperatureScaling.expectedCalibrationError(conf, correct, 15));
            measured.put("temperature", temperature);
            if ("auto".equals(thresholdSetting)) {
                int oosIndex = labels.indexOf(IntentPrediction.OUT_OF_SCOPE);
                long oosExamples = java.util.Arrays.stream(y).filter(v -> v == oosIndex).count();
                // with out-of-scope examples the owner asked for out-of-scope detection: allow it more room
                double maxLoss = context.setting("max_in_scope_loss",
                        oosExamples >= ThresholdSelector.MIN_REAL_OOS ? 0.02 : 0.005);
                ThresholdSelector.Choice choice = ThresholdSelector.choose(probs, y, oosIndex,
                        context.setting("oos_weight", 0.25), 0.9, maxLoss);
                measured.put("max_in_scope_loss", maxLoss);
                threshold = choice.threshold();
                measured.put("cv_in_scope_accuracy_at_threshold", choice.inScopeAccuracy());
                measured.put(choice.simulated() ? "cv_simulated_oos_recall_at_threshold" : "cv_oos_recall_at_threshold",
                        choice.oosRecall());
            }
        }
        measured.put("threshold", threshold);
        context.progress().update("intent: final model", totalWork - 1, totalWork);
        List<EnsembleIntentClassifier.Member> members = new ArrayList<>();
        for (int m = 0; m < baseMethods.size(); m++) {
            members.add(new EnsembleIntentClassifier.Member(trainBase(baseMethods.get(m), set, context),
                    memberTemperature[m]));
        }
        IntentClassifier classifier = members.size() == 1 ? members.get(0).classifier() : new EnsembleIntentClassifier(members);
        context.progress().update("intent: final model", totalWork, totalWork);
        String encoderId = classifier.usesEmbeddings() ? context.encoder().modelId() : "";
        return new IntentStep(classifier, new IntentStep.Meta(IntentStep.FORMAT, method, encoderId, temperature,
                threshold, labels, measured));
    }

    private static double parseThreshold(String s) {
        try {
            double t = Double.parseDouble(s);
            if (t < 0 || t > 1) {
                throw new IllegalArgumentException("intent: threshold must be in 0..1 or 'auto', was " + s);
            }
            return t;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("intent: threshold must be a number in 0..1 or 'auto', was '" + s + "'", e);
        }
    }

    static IntentClassifier trainBase(String method, IntentTrainingSet set, StepContext context) {
        SoftmaxRegression.Options lr = SoftmaxRegression.Options.defaults().withEpochs(context.setting("epochs", 10));
        lr = new SoftmaxRegression.Options(lr.epochs(), lr.batchSize(), lr.learningRate(), lr.l2(), context.seed());
        TextFeaturizer.Options ng = TextFeaturizer.Options.defaults();
        return switch (method) {
            case "opennlp" -> OpenNlpIntentClassifier.train(set, 100);
            case "embedding-logreg" -> LinearIntentClassifier.train(set, LinearIntentClassifier.Features.EMBEDDING, ng, lr, e -> { });
            case "ngram-logreg" -> LinearIntentClassifier.train(set, LinearIntentClassifier.Features.NGRAMS, ng, lr, e -> { });
            case "hybrid-logreg" -> LinearIntentClassifier.train(set, LinearIntentClassifier.Features.BOTH, ng, lr, e -> { });
            case "knn" -> KnnIntentClassifier.train(set, context.setting("knn_k", 10));
            default -> throw new IllegalArgumentException("unknown method " + method);
        };
    }

    static float[][] embed(List<String> texts, StepContext context) {
        float[][] out = new float[texts.size()][];
        int chunk = 1024;
        for (int start = 0; start < texts.size(); start += chunk) {
            context.progress().update("intent: embedding examples", start, texts.size());
            List<float[]> part = context.encoder().encodeAll(texts.subList(start, Math.min(texts.size(), start + chunk)));
            for (int i = 0; i < part.size(); i++) {
                out[start + i] = part.get(i);
            }
        }
        context.progress().update("intent: embedding examples", texts.size(), texts.size());
        return out;
    }

    @Override
    public NluStep load(Path folder, StepContext context) throws IOException {
        return IntentStep.load(folder, context.encoder().modelId());
    }
}
