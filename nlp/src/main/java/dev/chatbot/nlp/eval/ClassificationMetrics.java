package dev.chatbot.nlp.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Counts (expected, predicted) pairs of a single-label classification and derives accuracy, per-label
 * precision/recall/F1, macro F1 and the confusion matrix.
 */
final class ClassificationMetrics {

    private final Map<String, Map<String, Integer>> counts = new TreeMap<>();
    private final TreeSet<String> gold = new TreeSet<>();
    private final TreeSet<String> labels = new TreeSet<>();
    private int total;
    private int correct;

    void add(String expected, String predicted) {
        counts.computeIfAbsent(expected, k -> new TreeMap<>()).merge(predicted, 1, Integer::sum);
        gold.add(expected);
        labels.add(expected);
        labels.add(predicted);
        total++;
        if (expected.equals(predicted)) {
            correct++;
        }
    }

    int total() {
        return total;
    }

    double accuracy() {
        return total == 0 ? 0.0 : (double) correct / total;
    }

    private int count(String expected, String predicted) {
        return counts.getOrDefault(expected, Map.of()).getOrDefault(predicted, 0);
    }

    /** Per label: precision, recall, f1, support (gold count). Labels only ever predicted are included. */
    Map<String, Map<String, Object>> perLabel() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (String label : labels) {
            int tp = count(label, label);
            int support = counts.getOrDefault(label, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
            int predicted = 0;
            for (Map<String, Integer> row : counts.values()) {
                predicted += row.getOrDefault(label, 0);
            }
            double p = predicted == 0 ? 0.0 : (double) tp / predicted;
            double r = support == 0 ? 0.0 : (double) tp / support;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("precision", Report.round(p));
            m.put("recall", Report.round(r));
            m.put("f1", Report.round(f1(p, r)));
            m.put("support", support);
            m.put("predicted", predicted);
            out.put(label, m);
        }
        return out;
    }

    /** Macro F1 over the labels that occur in the gold data. */
    double macroF1() {
        if (gold.isEmpty()) {
            return 0.0;
        }
        double sum = 0;
        for (String label : gold) {
            int tp = count(label, label);
            int support = counts.get(label).values().stream().mapToInt(Integer::intValue).sum();
            int predicted = 0;
            for (Map<String, Integer> row : counts.values()) {
                predicted += row.getOrDefault(label, 0);
            }
            double p = predicted == 0 ? 0.0 : (double) tp / predicted;
            double r = support == 0 ? 0.0 : (double) tp / support;
            sum += f1(p, r);
        }
        return sum / gold.size();
    }

    /** The most frequent errors, most frequent first. */
    List<Map<String, Object>> topConfusions(int limit) {
        List<Map<String, Object>> all = new ArrayList<>();
        counts.forEach((expected, row) -> row.forEach((predicted, n) -> {
            if (!expected.equals(predicted)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("expected", expected);
                m.put("predicted", predicted);
                m.put("count", n);
                all.add(m);
            }
        }));
        all.sort(Comparator.comparingInt((Map<String, Object> m) -> (Integer) m.get("count")).reversed()
                .thenComparing(m -> (String) m.get("expected")));
        return all.size() > limit ? all.subList(0, limit) : all;
    }

    /** {@code {"labels": [...], "counts": [[...]]}}, rows expected, columns predicted. */
    Map<String, Object> confusionMatrix() {
        List<String> ls = new ArrayList<>(labels);
        List<List<Integer>> rows = new ArrayList<>();
        for (String e : ls) {
            List<Integer> row = new ArrayList<>();
            for (String p : ls) {
                row.add(count(e, p));
            }
            rows.add(row);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("labels", ls);
        m.put("counts", rows);
        return m;
    }

    static double f1(double p, double r) {
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }
}
