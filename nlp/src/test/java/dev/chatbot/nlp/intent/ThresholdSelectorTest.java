package dev.chatbot.nlp.intent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThresholdSelectorTest {

    @Test
    void separates_confident_in_scope_from_unsure_out_of_scope_examples() {
        // classes 0,1 in scope; class 2 is the reserved intent; in-scope examples are confident, the
        // out-of-scope ones are spread thinly over the in-scope intents
        int n = 60;
        double[][] p = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            if (i < 40) {
                y[i] = i % 2;
                p[i] = y[i] == 0 ? new double[]{0.9, 0.05, 0.05} : new double[]{0.05, 0.9, 0.05};
            } else {
                y[i] = 2;
                p[i] = new double[]{0.45, 0.35, 0.2};
            }
        }
        ThresholdSelector.Choice c = ThresholdSelector.choose(p, y, 2, 0.5, 0.9, 0.02);
        assertThat(c.simulated()).isFalse();
        assertThat(c.threshold()).isGreaterThan(0.45).isLessThanOrEqualTo(0.9);
        assertThat(c.inScopeAccuracy()).isEqualTo(1.0);
        assertThat(c.oosRecall()).isEqualTo(1.0);
    }

    @Test
    void never_costs_more_in_scope_accuracy_than_allowed() {
        // half of the in-scope examples are right but unsure (0.5); a threshold above 0.5 would catch
        // every out-of-scope example but lose half of the in-scope ones
        int n = 60;
        double[][] p = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i < 30 ? 0 : 2;
            p[i] = i < 15 ? new double[]{0.5, 0.3, 0.2} : i < 30 ? new double[]{0.95, 0.03, 0.02} : new double[]{0.4, 0.35, 0.25};
        }
        ThresholdSelector.Choice c = ThresholdSelector.choose(p, y, 2, 5.0, 0.9, 0.02);
        assertThat(c.inScopeAccuracy()).isEqualTo(1.0);
        assertThat(c.threshold()).isGreaterThan(0.4).isLessThanOrEqualTo(0.5);
    }

    @Test
    void simulates_unknown_intents_when_there_are_no_out_of_scope_examples() {
        double[][] p = {{0.98, 0.01, 0.01}, {0.01, 0.98, 0.01}, {0.5, 0.3, 0.2}};
        int[] y = {0, 1, 2};
        ThresholdSelector.Choice c = ThresholdSelector.choose(p, y, -1, 0.5, 0.9, 0.02);
        assertThat(c.simulated()).isTrue();
        assertThat(c.threshold()).isBetween(0.0, 0.9);
    }
}
