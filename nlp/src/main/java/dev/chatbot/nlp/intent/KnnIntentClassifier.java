package dev.chatbot.nlp.intent;

import dev.chatbot.nlp.embedding.Vectors;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Nearest neighbours over sentence embeddings: a label's score is the cosine similarity of its closest
 * training example among the k nearest, averaged with the next ones of the same label (labels absent
 * from the k nearest get the k-th similarity minus a margin). Exact search; fine for tens of thousands
 * of examples.
 */
public final class KnnIntentClassifier implements IntentClassifier {

    private static final String FILE = "knn.bin";

    private final List<String> labels;
    private final float[][] vectors;
    private final int[] vectorLabels;
    private final int k;

    private KnnIntentClassifier(List<String> labels, float[][] vectors, int[] vectorLabels, int k) {
        this.labels = List.copyOf(labels);
        this.vectors = vectors;
        this.vectorLabels = vectorLabels;
        this.k = k;
    }

    public static KnnIntentClassifier train(IntentTrainingSet set, int k) {
        return new KnnIntentClassifier(set.labelNames(), set.embeddings().clone(), set.labels().clone(), k);
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public double[] scores(String text, float[] embedding) {
        int n = vectors.length;
        int kk = Math.min(k, n);
        double[] topSim = new double[kk];
        int[] topIdx = new int[kk];
        Arrays.fill(topSim, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            double s = Vectors.dot(vectors[i], embedding);
            if (s > topSim[kk - 1]) {
                int p = kk - 1;
                while (p > 0 && topSim[p - 1] < s) {
                    topSim[p] = topSim[p - 1];
                    topIdx[p] = topIdx[p - 1];
                    p--;
                }
                topSim[p] = s;
                topIdx[p] = i;
            }
        }
        double floor = topSim[kk - 1] - 0.05;
        double[] best = new double[labels.size()];
        double[] second = new double[labels.size()];
        Arrays.fill(best, floor);
        Arrays.fill(second, floor);
        boolean[] seen = new boolean[labels.size()];
        boolean[] seenTwice = new boolean[labels.size()];
        for (int j = 0; j < kk; j++) {
            int l = vectorLabels[topIdx[j]];
            if (!seen[l]) {
                seen[l] = true;
                best[l] = topSim[j];
            } else if (!seenTwice[l]) {
                seenTwice[l] = true;
                second[l] = topSim[j];
            }
        }
        double[] out = new double[labels.size()];
        for (int l = 0; l < out.length; l++) {
            out[l] = 0.7 * best[l] + 0.3 * second[l];
        }
        return out;
    }

    @Override
    public boolean usesEmbeddings() {
        return true;
    }

    @Override
    public String method() {
        return "knn";
    }

    @Override
    public void save(Path folder) throws IOException {
        Files.createDirectories(folder);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                Files.newOutputStream(folder.resolve(FILE))))) {
            out.writeInt(k);
            out.writeInt(labels.size());
            for (String l : labels) {
                out.writeUTF(l);
            }
            out.writeInt(vectors.length);
            out.writeInt(vectors.length == 0 ? 0 : vectors[0].length);
            for (int i = 0; i < vectors.length; i++) {
                out.writeInt(vectorLabels[i]);
                for (float f : vectors[i]) {
                    out.writeFloat(f);
                }
            }
        }
    }

    public static KnnIntentClassifier load(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int k = in.readInt();
            int nl = in.readInt();
            if (k < 1 || nl < 1 || nl > 100_000) {
                throw new IOException(file + ": corrupt header");
            }
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < nl; i++) {
                labels.add(in.readUTF());
            }
            int n = in.readInt();
            int dims = in.readInt();
            if (n < 1 || dims < 1 || (long) n * dims > 200_000_000L) {
                throw new IOException(file + ": corrupt sizes " + n + " x " + dims);
            }
            float[][] v = new float[n][dims];
            int[] vl = new int[n];
            for (int i = 0; i < n; i++) {
                vl[i] = in.readInt();
                if (vl[i] < 0 || vl[i] >= nl) {
                    throw new IOException(file + ": corrupt label at vector " + i);
                }
                for (int d = 0; d < dims; d++) {
                    v[i][d] = in.readFloat();
                }
            }
            return new KnnIntentClassifier(labels, v, vl, k);
        } catch (java.io.EOFException e) {
            throw new IOException(file + " is truncated", e);
        }
    }
}
