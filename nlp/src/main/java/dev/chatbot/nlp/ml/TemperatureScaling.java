package dev.chatbot.nlp.ml;

/**
 * Temperature scaling (one parameter T; probabilities are softmax(logits / T)), fitted by minimising the
 * negative log-likelihood of held-out predictions. It keeps the ranking of classes and only makes the
 * confidence honest: an over-confident model gets T &gt; 1.
 */
public final class TemperatureScaling {

    private TemperatureScaling() {
    }

    /**
     * Finds T in [0.05, 20] by golden-section search on log T.
     *
     * @param logits held-out scores, one row per example
     * @param labels the true class of each row
     */
    public static double fit(double[][] logits, int[] labels) {
        if (logits.length == 0) {
            return 1.0;
        }
        double lo = Math.log(0.05);
        double hi = Math.log(20.0);
        double g = (Math.sqrt(5) - 1) / 2;
        double a = hi - g * (hi - lo);
        double b = lo + g * (hi - lo);
        double fa = nll(logits, labels, Math.exp(a));
        double fb = nll(logits, labels, Math.exp(b));
        for (int i = 0; i < 60; i++) {
            if (fa < fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - g * (hi - lo);
                fa = nll(logits, labels, Math.exp(a));
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + g * (hi - lo);
                fb = nll(logits, labels, Math.exp(b));
            }
        }
        return Math.exp((lo + hi) / 2);
    }

    /** Mean negative log-likelihood at temperature t. */
    public static double nll(double[][] logits, int[] labels, double t) {
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            double[] p = probabilities(logits[i], t);
            sum -= Math.log(Math.max(p[labels[i]], 1e-12));
        }
        return sum / logits.length;
    }

    /** softmax(logits / t), as a new array. */
    public static double[] probabilities(double[] logits, double t) {
        double[] z = new double[logits.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = logits[i] / t;
        }
        SoftmaxRegression.softmaxInPlace(z);
        return z;
    }

    /**
     * Expected calibration error with equal-width confidence bins: the average gap between confidence
     * and accuracy, weighted by bin size.
     */
    public static double expectedCalibrationError(double[] confidence, boolean[] correct, int bins) {
        double[] conf = new double[bins];
        double[] acc = new double[bins];
        int[] count = new int[bins];
        for (int i = 0; i < confidence.length; i++) {
            int bin = Math.min(bins - 1, (int) (confidence[i] * bins));
            conf[bin] += confidence[i];
            acc[bin] += correct[i] ? 1 : 0;
            count[bin]++;
        }
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                ece += Math.abs(conf[b] / count[b] - acc[b] / count[b]) * count[b];
            }
        }
        return confidence.length == 0 ? 0 : ece / confidence.length;
    }
}
