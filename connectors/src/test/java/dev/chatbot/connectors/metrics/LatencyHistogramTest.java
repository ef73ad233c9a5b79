package dev.chatbot.connectors.metrics;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyHistogramTest {

    @Test
    void bounds_rise_from_a_tenth_of_a_millisecond_to_a_minute_in_small_steps() {
        long[] b = LatencyHistogram.BOUNDS;
        assertThat(b[0]).isEqualTo(100_000L);
        assertThat(b[b.length - 1]).isEqualTo(60_000_000_000L);
        for (int i = 1; i < b.length; i++) {
            assertThat(b[i]).as("bound %d", i).isGreaterThan(b[i - 1]);
            if (b[i] <= 10_000_000_000L) {
                assertThat((double) b[i] / b[i - 1]).as("step to bound %d", i).isLessThanOrEqualTo(1.25 + 1e-9);
            }
        }
    }

    @Test
    void prometheus_text_has_cumulative_buckets_sum_and_count_in_seconds() {
        LatencyHistogram h = new LatencyHistogram("test_seconds", "Test.");
        h.record(3_000_000);      // 3 ms: in the 3 ms bucket (bounds are inclusive)
        h.record(3_100_000);      // 3.1 ms: in the 3.5 ms bucket
        h.record(120_000_000_000L); // 2 minutes: only in +Inf
        StringBuilder out = new StringBuilder();
        h.writePrometheus(out);
        List<String> lines = Arrays.asList(out.toString().split("\n"));
        assertThat(lines).contains("# TYPE test_seconds histogram",
                "test_seconds_bucket{le=\"0.0025\"} 0",
                "test_seconds_bucket{le=\"0.003\"} 1",
                "test_seconds_bucket{le=\"0.0035\"} 2",
                "test_seconds_bucket{le=\"60.0\"} 2",
                "test_seconds_bucket{le=\"+Inf\"} 3",
                "test_seconds_count 3",
                "test_seconds_sum 120.0061");
        assertThat(h.count()).isEqualTo(3);
    }

    @Test
    void negative_durations_are_not_recorded() {
        LatencyHistogram h = new LatencyHistogram("test_seconds", "Test.");
        h.record(-5);
        assertThat(h.count()).isZero();
    }
}
