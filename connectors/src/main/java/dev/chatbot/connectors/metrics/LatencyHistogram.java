package dev.chatbot.connectors.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A latency histogram with fixed buckets from 0.1 ms to 60 s, about 14 per decade (each bound 10-25 % above the last),
 * cheap enough to record every turn from any thread without locks. Read as Prometheus' cumulative {@code histogram}
 * type; percentiles of a time window come from the difference of two reads (as the load client does).
 */
public final class LatencyHistogram {

    private static final double[] STEPS = {1, 1.25, 1.5, 1.75, 2, 2.5, 3, 3.5, 4, 5, 6, 7, 8, 9};
    /** Upper bounds in nanoseconds, ascending; the last bucket (above every bound) is {@code +Inf}. */
    static final long[] BOUNDS = bounds();

    private final String name;
    private final String help;
    private final AtomicLongArray counts = new AtomicLongArray(BOUNDS.length + 1);
    private final LongAdder sumNanos = new LongAdder();

    public LatencyHistogram(String name, String help) {
        this.name = name;
        this.help = help;
    }

    private static long[] bounds() {
        long[] tail = {10_000_000_000L, 20_000_000_000L, 30_000_000_000L, 60_000_000_000L};
        long[] out = new long[STEPS.length * 5 + tail.length];
        int i = 0;
        for (long decade = 100_000L; decade <= 1_000_000_000L; decade *= 10) { // 0.1 ms up to 9 s
            for (double step : STEPS) {
                out[i++] = Math.round(decade * step);
            }
        }
        for (long t : tail) {
            out[i++] = t;
        }
        return out;
    }

    public void record(long nanos) {
        if (nanos < 0) {
            return;
        }
        int at = Arrays.binarySearch(BOUNDS, nanos);
        counts.incrementAndGet(at >= 0 ? at : -at - 1);
        sumNanos.add(nanos);
    }

    public long count() {
        long n = 0;
        for (int i = 0; i < counts.length(); i++) {
            n += counts.get(i);
        }
        return n;
    }

    /** Appends this histogram in Prometheus' text exposition format (version 0.0.4), in seconds. */
    public void writePrometheus(StringBuilder out) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" histogram\n");
        long cumulative = 0;
        for (int i = 0; i < BOUNDS.length; i++) {
            cumulative += counts.get(i);
            out.append(name).append("_bucket{le=\"").append(seconds(BOUNDS[i])).append("\"} ").append(cumulative)
                    .append('\n');
        }
        cumulative += counts.get(BOUNDS.length);
        out.append(name).append("_bucket{le=\"+Inf\"} ").append(cumulative).append('\n');
        out.append(name).append("_sum ").append(seconds(sumNanos.sum())).append('\n');
        out.append(name).append("_count ").append(cumulative).append('\n');
    }

    private static String seconds(long nanos) {
        String s = String.format(Locale.ROOT, "%.7f", nanos / 1e9);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s + "0" : s;
    }
}
