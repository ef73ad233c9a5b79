package dev.chatbot.nlp.bench;

import dev.chatbot.nlp.data.IntentDefinition;
import dev.chatbot.nlp.data.IntentExample;
import dev.chatbot.nlp.data.TrainingData;
import dev.chatbot.nlp.embedding.MiniLmSentenceEncoder;
import dev.chatbot.nlp.intent.EnsembleIntentClassifier;
import dev.chatbot.nlp.intent.IntentClassifier;
import dev.chatbot.nlp.intent.IntentTrainingSet;
import dev.chatbot.nlp.intent.KnnIntentClassifier;
import dev.chatbot.nlp.intent.LinearIntentClassifier;
import dev.chatbot.nlp.intent.OpenNlpIntentClassifier;
import dev.chatbot.nlp.ml.SoftmaxRegression;
import dev.chatbot.nlp.ml.TextFeaturizer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Compares intent classification methods on the dev benchmarks: train on {@code train/}, measure on
 * {@code test/}. Prints accuracy, train seconds and predict milliseconds per message (classifier only;
 * the embedding cost is printed separately). Run by hand, arguments: benchmark names (default hwu64 snips)
 * and optionally {@code methods=a,b}.
 */
public final class IntentMethodsBench {

    record Split(List<String> labels, List<String> texts, int[] y) { }

    public static void main(String[] args) throws Exception {
        List<String> names = new ArrayList<>();
        List<String> methods = List.of("opennlp", "embedding-logreg", "ngram-logreg", "hybrid-logreg", "knn", "ensemble");
        for (String a : args) {
            if (a.startsWith("methods=")) {
                methods = List.of(a.substring(8).split(","));
            } else {
                names.add(a);
            }
        }
        if (names.isEmpty()) {
            names = List.of("hwu64", "snips");
        }
        try (MiniLmSentenceEncoder encoder = MiniLmSentenceEncoder.create()) {
            for (String name : names) {
                Path root = BenchmarkFolders.devBenchmarks().resolve(name);
                Split train = split(BenchmarkFolders.read(root.resolve("train")), null);
                Split test = split(BenchmarkFolders.read(root.resolve("test")), train.labels());
                long t0 = System.nanoTime();
                float[][] trainEmb = encoder.encodeAll(train.texts()).toArray(float[][]::new);
                double embedTrain = (System.nanoTime() - t0) / 1e9;
                encoder.cache().clear();
                float[][] testEmb = new float[test.texts().size()][];
                double[] embedMs = new double[testEmb.length];
                for (int i = 0; i < testEmb.length; i++) {
                    long s = System.nanoTime();
                    testEmb[i] = encoder.encode(test.texts().get(i));
                    embedMs[i] = (System.nanoTime() - s) / 1e6;
                }
                System.out.printf("%n== %s: %d train / %d test, %d intents; embedding train set %.1f s (%.2f ms/example), "
                                + "single test message p50 %.2f ms p99 %.2f ms%n", name, train.texts().size(),
                        test.texts().size(), train.labels().size(), embedTrain, 1000 * embedTrain / train.texts().size(),
                        pct(embedMs, 0.5), pct(embedMs, 0.99));
                IntentTrainingSet set = new IntentTrainingSet(train.labels(), train.texts(), trainEmb, train.y());
                System.out.printf("%-22s %9s %10s %12s %12s%n", "method", "accuracy", "train s", "predict p50", "predict p99");
                for (String m : methods) {
                    long ts = System.nanoTime();
                    IntentClassifier c = build(m, set);
                    double trainSec = (System.nanoTime() - ts) / 1e9;
                    int correct = 0;
                    double[] ms = new double[test.texts().size()];
                    for (int i = 0; i < ms.length; i++) {
                        long s = System.nanoTime();
                        double[] sc = c.scores(test.texts().get(i), testEmb[i]);
                        ms[i] = (System.nanoTime() - s) / 1e6;
                        if (argmax(sc) == test.y()[i]) {
                            correct++;
                        }
                    }
                    System.out.printf("%-22s %8.2f%% %10.1f %9.3f ms %9.3f ms%n", m, 100.0 * correct / ms.length, trainSec,
                            pct(ms, 0.5), pct(ms, 0.99));
                }
            }
        }
    }

    static IntentClassifier build(String method, IntentTrainingSet set) {
        SoftmaxRegression.Options lr = SoftmaxRegression.Options.defaults();
        TextFeaturizer.Options ng = TextFeaturizer.Options.defaults();
        String base = method.contains(":") ? method.substring(0, method.indexOf(':')) : method;
        if (method.contains(":")) {
            for (String kv : method.substring(method.indexOf(':') + 1).split(";")) {
                String[] p = kv.split("=");
                switch (p[0]) {
                    case "epochs" -> lr = lr.withEpochs(Integer.parseInt(p[1]));
                    case "l2" -> lr = lr.withL2(Double.parseDouble(p[1]));
                    case "lr" -> lr = lr.withLearningRate(Double.parseDouble(p[1]));
                    default -> throw new IllegalArgumentException(kv);
                }
            }
        }
        return switch (base) {
            case "opennlp" -> OpenNlpIntentClassifier.train(set, 100);
            case "embedding-logreg" -> LinearIntentClassifier.train(set, LinearIntentClassifier.Features.EMBEDDING, ng, lr, e -> { });
            case "ngram-logreg" -> LinearIntentClassifier.train(set, LinearIntentClassifier.Features.NGRAMS, ng, lr, e -> { });
            case "hybrid-logreg" -> LinearIntentClassifier.train(set, LinearIntentClassifier.Features.BOTH, ng, lr, e -> { });
            case "knn" -> KnnIntentClassifier.train(set, 10);
            case "ensemble" -> new EnsembleIntentClassifier(List.of(
                    new EnsembleIntentClassifier.Member(LinearIntentClassifier.train(set, LinearIntentClassifier.Features.EMBEDDING, ng, lr, e -> { }), 1.0),
                    new EnsembleIntentClassifier.Member(LinearIntentClassifier.train(set, LinearIntentClassifier.Features.NGRAMS, ng, lr, e -> { }), 1.0)));
            case "ensemble3" -> new EnsembleIntentClassifier(List.of(
                    new EnsembleIntentClassifier.Member(LinearIntentClassifier.train(set, LinearIntentClassifier.Features.EMBEDDING, ng, lr, e -> { }), 1.0),
                    new EnsembleIntentClassifier.Member(LinearIntentClassifier.train(set, LinearIntentClassifier.Features.NGRAMS, ng, lr, e -> { }), 1.0),
                    new EnsembleIntentClassifier.Member(LinearIntentClassifier.train(set, LinearIntentClassifier.Features.BOTH, ng, lr, e -> { }), 1.0)));
            default -> throw new IllegalArgumentException("unknown method " + method);
        };
    }

    static Split split(TrainingData data, List<String> labels) {
        List<String> names = labels != null ? labels : data.intents().stream().map(IntentDefinition::name).sorted().toList();
        List<String> texts = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        for (IntentDefinition d : data.intents()) {
            int idx = names.indexOf(d.name());
            if (idx < 0) {
                throw new IllegalStateException("test intent not in train: " + d.name());
            }
            for (IntentExample e : d.examples()) {
                texts.add(e.text());
                y.add(idx);
            }
        }
        return new Split(names, texts, y.stream().mapToInt(Integer::intValue).toArray());
    }

    static int argmax(double[] a) {
        int b = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] > a[b]) {
                b = i;
            }
        }
        return b;
    }

    static double pct(double[] values, double q) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s[Math.max(0, (int) Math.ceil(q * s.length) - 1)];
    }
}
