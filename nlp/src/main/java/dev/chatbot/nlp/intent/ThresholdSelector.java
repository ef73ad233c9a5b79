package dev.chatbot.nlp.intent;

/**
 * Chooses the out-of-scope confidence threshold from held-out (cross-validation) probabilities.
 *
 * <p>It maximises {@code in-scope accuracy + weight x out-of-scope recall} among the thresholds that cost
 * at most {@code maxInScopeLoss} of held-out in-scope accuracy (against no threshold), so that catching
 * unknown messages never ruins the known ones. Out-of-scope examples are
 * the held-out examples of the reserved intent when the data has enough of them; otherwise each in-scope
 * example is replayed as if its intent did not exist (its probability removed, the rest renormalised),
 * which approximates how confident the model is on a message about something it was never taught.
 */
public final class ThresholdSelector {

    /** Below this many out-of-scope examples, simulated ones are used instead. */
    public static final int MIN_REAL_OOS = 20;

    /**
     * The result.
     *
     * @param threshold       the chosen threshold
     * @param inScopeAccuracy held-out in-scope accuracy at that threshold
     * @param oosRecall       held-out out-of-scope recall at that threshold
     * @param simulated       whether out-of-scope examples were simulated
     */
    public record Choice(double threshold, double inScopeAccuracy, double oosRecall, boolean simulated) {
    }

    private ThresholdSelector() {
    }

    /**
     * @param probs    calibrated held-out probabilities, one row per example
     * @param labels   true class of each row
     * @param oosIndex class number of the reserved intent, or -1
     * @param weight   how much one point of out-of-scope recall is worth against one of in-scope accuracy
     * @param maxThreshold largest threshold considered
     * @param maxInScopeLoss largest drop of held-out in-scope accuracy accepted (0.02 = two points)
     */
    public static Choice choose(double[][] probs, int[] labels, int oosIndex, double weight, double maxThreshold,
                                double maxInScopeLoss) {
        int realOos = 0;
        for (int y : labels) {
            if (y == oosIndex) {
                realOos++;
            }
        }
        boolean simulate = realOos < MIN_REAL_OOS;
        int n = labels.length;
        // per example: in-scope (best prob, correct?) and out-of-scope (best in-scope prob, or -1 when the
        // reserved intent already wins)
        double[] inConf = new double[n];
        boolean[] inCorrect = new boolean[n];
        boolean[] isIn = new boolean[n];
        double[] oosConf = new double[n];
        boolean[] isOos = new boolean[n];
        int nIn = 0;
        int nOos = 0;
        for (int i = 0; i < n; i++) {
            double[] p = probs[i];
            int best = argmax(p, -1);
            if (labels[i] != oosIndex) {
                isIn[i] = true;
                nIn++;
                inConf[i] = p[best];
                inCorrect[i] = best == labels[i];
                if (simulate) {
                    int other = argmax(p, labels[i]);
                    isOos[i] = true;
                    nOos++;
                    double rest = Math.max(1e-12, 1.0 - p[labels[i]]);
                    oosConf[i] = other == oosIndex ? -1 : p[other] / rest;
                }
            } else if (!simulate) {
                isOos[i] = true;
                nOos++;
                oosConf[i] = best == oosIndex ? -1 : p[best];
            }
        }
        double bestScore = Double.NEGATIVE_INFINITY;
        Choice choice = new Choice(0, 0, 0, simulate);
        double baseAccuracy = -1;
        for (int step = 0; step <= Math.round(maxThreshold * 100); step++) {
            double t = step / 100.0;
            int inOk = 0;
            int oosOk = 0;
            for (int i = 0; i < n; i++) {
                if (isIn[i] && inCorrect[i] && inConf[i] >= t) {
                    inOk++;
                }
                if (isOos[i] && oosConf[i] < t) {
                    oosOk++;
                }
            }
            double acc = nIn == 0 ? 1 : (double) inOk / nIn;
            double rec = nOos == 0 ? 0 : (double) oosOk / nOos;
            if (baseAccuracy < 0) {
                baseAccuracy = acc;
            }
            if (acc < baseAccuracy - maxInScopeLoss - 1e-12) {
                break;
            }
            double score = acc + weight * rec;
            if (score > bestScore + 1e-12) {
                bestScore = score;
                choice = new Choice(t, acc, rec, simulate);
            }
        }
        return choice;
    }

    private static int argmax(double[] p, int skip) {
        int b = -1;
        for (int i = 0; i < p.length; i++) {
            if (i != skip && (b < 0 || p[i] > p[b])) {
                b = i;
            }
        }
        return b < 0 ? 0 : b;
    }
}
