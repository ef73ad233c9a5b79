package dev.chatbot.nlp.intent;

import dev.chatbot.nlp.ml.FeatureRow;
import dev.chatbot.nlp.ml.SoftmaxRegression;
import dev.chatbot.nlp.ml.SparseVector;
import dev.chatbot.nlp.ml.TextFeaturizer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Multinomial logistic regression over the sentence embedding, over word and character n-gram TF-IDF
 * features, or over both side by side ({@link Features}).
 */
public final class LinearIntentClassifier implements IntentClassifier {

    /** Which features the model reads. */
    public enum Features {
        EMBEDDING("embedding-logreg"), NGRAMS("ngram-logreg"), BOTH("hybrid-logreg");

        private final String method;

        Features(String method) {
            this.method = method;
        }

        public String method() {
            return method;
        }

        boolean embedding() {
            return this != NGRAMS;
        }

        boolean ngrams() {
            return this != EMBEDDING;
        }
    }

    private static final String WEIGHTS = "linear.bin";
    private static final String VOCABULARY = "ngrams.tsv";

    private final Features features;
    private final List<String> labels;
    private final TextFeaturizer featurizer;
    private final SoftmaxRegression model;
    private final float embeddingWeight;

    private LinearIntentClassifier(Features features, List<String> labels, TextFeaturizer featurizer,
                                   SoftmaxRegression model, float embeddingWeight) {
        this.features = features;
        this.labels = List.copyOf(labels);
        this.featurizer = featurizer;
        this.model = model;
        this.embeddingWeight = embeddingWeight;
    }

    public static LinearIntentClassifier train(IntentTrainingSet set, Features features,
                                               TextFeaturizer.Options ngramOptions,
                                               SoftmaxRegression.Options options, IntConsumer epochProgress) {
        TextFeaturizer featurizer = features.ngrams() ? TextFeaturizer.fit(set.texts(), ngramOptions) : null;
        float w = 1f;
        List<FeatureRow> rows = new ArrayList<>(set.size());
        for (int i = 0; i < set.size(); i++) {
            rows.add(row(features, featurizer, set.texts().get(i),
                    set.embeddings() == null ? null : set.embeddings()[i], w));
        }
        int dense = features.embedding() ? set.embeddings()[0].length : 0;
        int sparse = featurizer == null ? 0 : featurizer.dimensions();
        SoftmaxRegression model = SoftmaxRegression.train(rows, set.labels(), set.labelNames().size(), dense, sparse,
                options, epochProgress);
        return new LinearIntentClassifier(features, set.labelNames(), featurizer, model, w);
    }

    private static FeatureRow row(Features features, TextFeaturizer featurizer, String text, float[] embedding,
                                  float embeddingWeight) {
        float[] dense = null;
        if (features.embedding()) {
            dense = embedding;
            if (embeddingWeight != 1f && dense != null) {
                dense = dense.clone();
                for (int d = 0; d < dense.length; d++) {
                    dense[d] *= embeddingWeight;
                }
            }
        }
        SparseVector sparse = features.ngrams() ? featurizer.transform(text) : null;
        return new FeatureRow(dense, sparse);
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public double[] scores(String text, float[] embedding) {
        return model.logits(row(features, featurizer, text == null ? "" : text, embedding, embeddingWeight));
    }

    @Override
    public boolean usesEmbeddings() {
        return features.embedding();
    }

    @Override
    public String method() {
        return features.method();
    }

    @Override
    public void save(Path folder) throws IOException {
        Files.createDirectories(folder);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                Files.newOutputStream(folder.resolve(WEIGHTS))))) {
            out.writeUTF(features.name());
            out.writeFloat(embeddingWeight);
            out.writeInt(labels.size());
            for (String l : labels) {
                out.writeUTF(l);
            }
            model.write(out);
        }
        if (featurizer != null) {
            featurizer.save(folder.resolve(VOCABULARY));
        }
    }

    public static LinearIntentClassifier load(Path folder) throws IOException {
        Path weights = folder.resolve(WEIGHTS);
        if (!Files.isRegularFile(weights)) {
            throw new IOException("missing " + weights);
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(weights)))) {
            Features f;
            try {
                f = Features.valueOf(in.readUTF());
            } catch (IllegalArgumentException e) {
                throw new IOException(weights + ": unknown feature set", e);
            }
            float w = in.readFloat();
            int n = in.readInt();
            if (n < 1 || n > 100_000) {
                throw new IOException(weights + ": corrupt label count " + n);
            }
            List<String> labels = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                labels.add(in.readUTF());
            }
            SoftmaxRegression model = SoftmaxRegression.read(in);
            if (model.classes() != n) {
                throw new IOException(weights + ": " + n + " labels but " + model.classes() + " classes");
            }
            TextFeaturizer featurizer = f.ngrams() ? TextFeaturizer.load(folder.resolve(VOCABULARY)) : null;
            return new LinearIntentClassifier(f, labels, featurizer, model, w);
        } catch (java.io.EOFException e) {
            throw new IOException(weights + " is truncated", e);
        }
    }
}
