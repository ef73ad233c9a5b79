package dev.chatbot.nlp.intent;

import dev.chatbot.nlp.ml.TextFeaturizer;
import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.doccat.NGramFeatureGenerator;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.TrainingParameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline: OpenNLP's maximum-entropy document categorizer over bag-of-words and word-bigram
 * features. Scores are log-probabilities. The OpenNLP model object is only read after training, which
 * its documentation allows from several threads for the categorize call; a fresh categorizer is made per
 * call to be safe, which is cheap.
 */
public final class OpenNlpIntentClassifier implements IntentClassifier {

    private static final String FILE = "doccat.bin";

    private final DoccatModel model;
    private final List<String> labels;
    private final int[] labelToCategory;

    private OpenNlpIntentClassifier(DoccatModel model, List<String> labels) {
        this.model = model;
        this.labels = List.copyOf(labels);
        DocumentCategorizerME probe = new DocumentCategorizerME(model);
        this.labelToCategory = new int[labels.size()];
        for (int i = 0; i < labels.size(); i++) {
            labelToCategory[i] = probe.getIndex(labels.get(i));
        }
    }

    public static OpenNlpIntentClassifier train(IntentTrainingSet set, int iterations) {
        List<DocumentSample> samples = new ArrayList<>(set.size());
        for (int i = 0; i < set.size(); i++) {
            String[] tokens = tokens(set.texts().get(i));
            samples.add(new DocumentSample(set.labelNames().get(set.labels()[i]), tokens));
        }
        TrainingParameters params = TrainingParameters.defaultParams();
        params.put(TrainingParameters.ITERATIONS_PARAM, iterations);
        params.put(TrainingParameters.CUTOFF_PARAM, 1);
        params.put(TrainingParameters.THREADS_PARAM, 1);
        try {
            DoccatModel model = DocumentCategorizerME.train("en", new CollectionObjectStream<>(samples), params,
                    new DoccatFactory(new FeatureGenerator[]{new BagOfWordsFeatureGenerator(),
                            new NGramFeatureGenerator(2, 2)}));
            return new OpenNlpIntentClassifier(model, set.labelNames());
        } catch (IOException e) {
            throw new IllegalStateException("OpenNLP training failed: " + e.getMessage(), e);
        }
    }

    private static String[] tokens(String text) {
        List<String> words = TextFeaturizer.words(text);
        return words.isEmpty() ? new String[]{"<empty>"} : words.toArray(String[]::new);
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public double[] scores(String text, float[] embedding) {
        double[] probs = new DocumentCategorizerME(model).categorize(tokens(text));
        double[] out = new double[labels.size()];
        for (int i = 0; i < out.length; i++) {
            int c = labelToCategory[i];
            out[i] = c < 0 ? -30 : Math.log(Math.max(probs[c], 1e-13));
        }
        return out;
    }

    @Override
    public boolean usesEmbeddings() {
        return false;
    }

    @Override
    public String method() {
        return "opennlp";
    }

    @Override
    public void save(Path folder) throws IOException {
        Files.createDirectories(folder);
        try (OutputStream out = Files.newOutputStream(folder.resolve(FILE))) {
            model.serialize(out);
        }
        Files.write(folder.resolve("doccat-labels.txt"), labels);
    }

    public static OpenNlpIntentClassifier load(Path folder) throws IOException {
        try (InputStream in = Files.newInputStream(folder.resolve(FILE))) {
            DoccatModel model = new DoccatModel(in);
            List<String> labels = Files.readAllLines(folder.resolve("doccat-labels.txt"));
            return new OpenNlpIntentClassifier(model, labels);
        } catch (RuntimeException e) {
            throw new IOException(folder.resolve(FILE) + " is not a valid OpenNLP model: " + e.getMessage(), e);
        }
    }
}
