package dev.chatbot.nlp.ml;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TemperatureScalingTest {

    @Test
    void over_confident_scores_get_a_temperature_above_one() {
        // logits say 'class 0 with probability ~1' but the truth is class 0 only 70% of the time
        Random r = new Random(1);
        int n = 1000;
        double[][] logits = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            logits[i] = new double[]{10, 0, 0};
            y[i] = r.nextDouble() < 0.7 ? 0 : 1 + r.nextInt(2);
        }
        double t = TemperatureScaling.fit(logits, y);
        assertThat(t).isGreaterThan(1.0);
        double p0 = TemperatureScaling.probabilities(logits[0], t)[0];
        assertThat(p0).isBetween(0.65, 0.75);
        assertThat(TemperatureScaling.nll(logits, y, t)).isLessThan(TemperatureScaling.nll(logits, y, 1.0));
    }

    @Test
    void calibration_error_is_zero_for_honest_confidence() {
        double[] conf = {0.5, 0.5, 1.0, 1.0};
        boolean[] correct = {true, false, true, true};
        assertThat(TemperatureScaling.expectedCalibrationError(conf, correct, 10)).isLessThan(1e-9);
    }
}
