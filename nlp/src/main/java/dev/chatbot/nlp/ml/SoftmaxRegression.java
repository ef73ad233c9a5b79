package dev.chatbot.nlp.ml;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * Multinomial logistic regression (a linear softmax) over a dense block and a sparse block of features,
 * trained by mini-batch Adam with L2 regularisation. Sparse rows are updated lazily (only the rows a
 * batch touches), so a vocabulary of tens of thousands of n-grams costs little per step. Immutable and
 * thread-safe once trained.
 */
public final class SoftmaxRegression {

    /**
     * @param epochs        passes over the training data (small data sets get more, see {@link #MIN_UPDATES})
     * @param batchSize     examples per update
     * @param learningRate  Adam step size
     * @param l2            L2 penalty per update on the rows a batch touches
     * @param seed          shuffling seed
     */
    public record Options(int epochs, int batchSize, double learningRate, double l2, long seed) {

        public static Options defaults() {
            return new Options(10, 32, 0.01, 1e-5, 42);
        }

        public Options withEpochs(int e) {
            return new Options(e, batchSize, learningRate, l2, seed);
        }

        public Options withL2(double v) {
            return new Options(epochs, batchSize, learningRate, v, seed);
        }

        public Options withLearningRate(double v) {
            return new Options(epochs, batchSize, v, l2, seed);
        }
    }

    /** Fewest Adam updates a training run makes, however small the data. */
    static final int MIN_UPDATES = 400;

    private final int classes;
    private final int denseDims;
    private final int sparseDims;
    private final float[] denseW;   // denseDims x classes
    private final float[] sparseW;  // sparseDims x classes
    private final float[] bias;     // classes

    private SoftmaxRegression(int classes, int denseDims, int sparseDims, float[] denseW, float[] sparseW, float[] bias) {
        this.classes = classes;
        this.denseDims = denseDims;
        this.sparseDims = sparseDims;
        this.denseW = denseW;
        this.sparseW = sparseW;
        this.bias = bias;
    }

    public int classes() {
        return classes;
    }

    /**
     * Trains on rows with labels 0..classes-1.
     *
     * @param denseDims  size of the dense block (0 when rows have none)
     * @param sparseDims size of the sparse index space (0 when rows have none)
     * @param progress   receives the finished epoch number
     */
    public static SoftmaxRegression train(List<FeatureRow> rows, int[] labels, int classes, int denseDims,
                                          int sparseDims, Options o, IntConsumer progress) {
        if (rows.size() != labels.length) {
            throw new IllegalArgumentException("rows and labels differ in length");
        }
        if (classes < 1) {
            throw new IllegalArgumentException("need at least one class");
        }
        int k = classes;
        float[] dw = new float[denseDims * k];
        float[] sw = new float[sparseDims * k];
        float[] b = new float[k];
        Adam denseAdam = new Adam(dw.length);
        Adam sparseAdam = new Adam(sw.length);
        Adam biasAdam = new Adam(k);
        float[] dGrad = new float[dw.length];
        float[] sGrad = new float[sw.length];
        float[] bGrad = new float[k];
        boolean[] touched = new boolean[sparseDims];
        int[] touchedList = new int[Math.max(1, sparseDims)];

        Integer[] order = new Integer[rows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random rnd = new Random(o.seed());
        double[] logits = new double[k];
        long step = 0;
        // small data sets get more passes so that Adam takes enough steps to converge
        int stepsPerEpoch = Math.max(1, (rows.size() + o.batchSize() - 1) / o.batchSize());
        int epochs = Math.max(o.epochs(), Math.min(500, (MIN_UPDATES + stepsPerEpoch - 1) / stepsPerEpoch));
        for (int epoch = 0; epoch < epochs; epoch++) {
            List<Integer> shuffled = new ArrayList<>(Arrays.asList(order));
            java.util.Collections.shuffle(shuffled, rnd);
            for (int start = 0; start < shuffled.size(); start += o.batchSize()) {
                int end = Math.min(shuffled.size(), start + o.batchSize());
                int nTouched = 0;
                Arrays.fill(bGrad, 0f);
                if (denseDims > 0) {
                    Arrays.fill(dGrad, 0f);
                }
                float scale = 1f / (end - start);
                for (int p = start; p < end; p++) {
                    int i = shuffled.get(p);
                    FeatureRow row = rows.get(i);
                    scores(row, dw, sw, b, k, logits);
                    softmaxInPlace(logits);
                    logits[labels[i]] -= 1.0; // now the gradient of the loss w.r.t. the logits
                    for (int c = 0; c < k; c++) {
                        bGrad[c] += (float) logits[c] * scale;
                    }
                    if (row.dense() != null && denseDims > 0) {
                        float[] x = row.dense();
                        for (int d = 0; d < denseDims; d++) {
                            float xd = x[d] * scale;
                            if (xd == 0f) {
                                continue;
                            }
                            int base = d * k;
                            for (int c = 0; c < k; c++) {
                                dGrad[base + c] += xd * (float) logits[c];
                            }
                        }
                    }
                    if (row.sparse() != null && sparseDims > 0) {
                        SparseVector s = row.sparse();
                        for (int j = 0; j < s.size(); j++) {
                            int f = s.indices()[j];
                            if (!touched[f]) {
                                touched[f] = true;
                                touchedList[nTouched++] = f;
                                Arrays.fill(sGrad, f * k, f * k + k, 0f);
                            }
                            float xv = s.values()[j] * scale;
                            int base = f * k;
                            for (int c = 0; c < k; c++) {
                                sGrad[base + c] += xv * (float) logits[c];
                            }
                        }
                    }
                }
                step++;
                double lr = o.learningRate();
                biasAdam.update(b, bGrad, 0, k, step, lr, 0);
                if (denseDims > 0) {
                    denseAdam.update(dw, dGrad, 0, dw.length, step, lr, o.l2());
                }
                for (int t = 0; t < nTouched; t++) {
                    int f = touchedList[t];
                    sparseAdam.update(sw, sGrad, f * k, k, step, lr, o.l2());
                    touched[f] = false;
                }
            }
            progress.accept(epoch + 1);
        }
        return new SoftmaxRegression(k, denseDims, sparseDims, dw, sw, b);
    }

    /** Raw class scores (logits) of one row. */
    public double[] logits(FeatureRow row) {
        double[] out = new double[classes];
        scores(row, denseW, sparseW, bias, classes, out);
        return out;
    }

    private static void scores(FeatureRow row, float[] dw, float[] sw, float[] b, int k, double[] out) {
        for (int c = 0; c < k; c++) {
            out[c] = b[c];
        }
        float[] x = row.dense();
        if (x != null && dw.length > 0) {
            int dims = Math.min(x.length, dw.length / k);
            for (int d = 0; d < dims; d++) {
                float xd = x[d];
                if (xd == 0f) {
                    continue;
                }
                int base = d * k;
                for (int c = 0; c < k; c++) {
                    out[c] += xd * dw[base + c];
                }
            }
        }
        SparseVector s = row.sparse();
        if (s != null && sw.length > 0) {
            int sparseDims = sw.length / k;
            for (int j = 0; j < s.size(); j++) {
                int f = s.indices()[j];
                if (f >= sparseDims) {
                    continue;
                }
                float xv = s.values()[j];
                int base = f * k;
                for (int c = 0; c < k; c++) {
                    out[c] += xv * sw[base + c];
                }
            }
        }
    }

    /** Turns scores into probabilities in place (numerically stable). */
    public static void softmaxInPlace(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            z[i] = Math.exp(z[i] - max);
            sum += z[i];
        }
        for (int i = 0; i < z.length; i++) {
            z[i] /= sum;
        }
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeInt(classes);
        out.writeInt(denseDims);
        out.writeInt(sparseDims);
        writeFloats(out, denseW);
        writeFloats(out, sparseW);
        writeFloats(out, bias);
    }

    public static SoftmaxRegression read(DataInputStream in) throws IOException {
        int k = in.readInt();
        int dd = in.readInt();
        int sd = in.readInt();
        if (k < 1 || dd < 0 || sd < 0 || (long) k * (dd + (long) sd) > Integer.MAX_VALUE) {
            throw new IOException("corrupt linear model header: classes=" + k + " dense=" + dd + " sparse=" + sd);
        }
        float[] dw = readFloats(in, dd * k);
        float[] sw = readFloats(in, sd * k);
        float[] b = readFloats(in, k);
        return new SoftmaxRegression(k, dd, sd, dw, sw, b);
    }

    static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(a.length * 4);
        buf.asFloatBuffer().put(a);
        out.write(buf.array());
    }

    static float[] readFloats(DataInputStream in, int expected) throws IOException {
        int n = in.readInt();
        if (n != expected) {
            throw new IOException("corrupt linear model: expected " + expected + " weights, found " + n);
        }
        byte[] bytes = new byte[n * 4];
        in.readFully(bytes);
        float[] a = new float[n];
        java.nio.ByteBuffer.wrap(bytes).asFloatBuffer().get(a);
        return a;
    }

    /** Adam state for one parameter array; updates a slice in place. */
    private static final class Adam {
        private static final double B1 = 0.9;
        private static final double B2 = 0.999;
        private static final double EPS = 1e-8;
        private final float[] m;
        private final float[] v;

        Adam(int n) {
            m = new float[n];
            v = new float[n];
        }

        void update(float[] w, float[] g, int from, int len, long step, double lr, double l2) {
            double c1 = 1 - Math.pow(B1, step);
            double c2 = 1 - Math.pow(B2, step);
            double a = lr * Math.sqrt(c2) / c1;
            for (int i = from; i < from + len; i++) {
                double gi = g[i] + l2 * w[i];
                m[i] = (float) (B1 * m[i] + (1 - B1) * gi);
                v[i] = (float) (B2 * v[i] + (1 - B2) * gi * gi);
                w[i] -= (float) (a * m[i] / (Math.sqrt(v[i]) + EPS));
            }
        }
    }
}
