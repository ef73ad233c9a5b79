package dev.chatbot.bench.conn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.Locale;

/** Latency samples in nanoseconds, summarised in milliseconds (count, p50, p90, p99, max). Thread-safe. */
final class Latencies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private long[] values = new long[1 << 12];
    private int size;

    synchronized void record(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    synchronized int count() {
        return size;
    }

    synchronized void clear() {
        size = 0;
    }

    synchronized ObjectNode summary() {
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        ObjectNode s = JSON.createObjectNode();
        s.put("count", size);
        s.put("p50", ms(percentile(sorted, 0.50)));
        s.put("p90", ms(percentile(sorted, 0.90)));
        s.put("p99", ms(percentile(sorted, 0.99)));
        s.put("max", ms(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
        return s;
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
    }

    private static double ms(long nanos) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.2f", nanos / 1e6));
    }
}
