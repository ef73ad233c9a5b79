package dev.chatbot.nlp.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link Report} as one self-contained HTML page: no scripts, no external styles, fonts or
 * images; the confusion matrix and the confidence histogram are inline SVG. Every piece of text from the
 * data is escaped.
 */
final class HtmlReport {

    /** Beyond this many labels the matrix shows only the labels involved in the most errors. */
    static final int MAX_MATRIX_LABELS = 60;

    private HtmlReport() {
    }

    static String render(Report report) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>NLU evaluation report</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}")
                .append("th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}")
                .append(".bad{background:#fde2e2}.good{background:#e2f5e2}h2{margin-top:2em}small{color:#666}")
                .append("</style></head><body>\n<h1>NLU evaluation report</h1>\n");
        summary(h, report);
        Map<String, Object> intent = report.section("intent");
        if (intent != null) {
            perIntent(h, intent);
            confusions(h, intent);
            matrix(h, intent);
            histogram(h, intent);
            misclassified(h, intent);
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void summary(StringBuilder h, Report report) {
        h.append("<h2>Summary</h2>\n<table><tr><th>section</th><th>metric</th><th>value</th></tr>\n");
        report.summary().forEach((section, values) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) values;
            m.forEach((k, v) -> h.append("<tr><td>").append(esc(section)).append("</td><td>").append(esc(k))
                    .append("</td><td class=\"n\">").append(esc(fmt(v))).append("</td></tr>\n"));
        });
        h.append("</table>\n");
    }

    @SuppressWarnings("unchecked")
    private static void perIntent(StringBuilder h, Map<String, Object> intent) {
        Map<String, Map<String, Object>> per = (Map<String, Map<String, Object>>) intent.get("per_intent");
        if (per == null) {
            return;
        }
        List<Map.Entry<String, Map<String, Object>>> rows = new ArrayList<>(per.entrySet());
        rows.sort(Comparator.comparingDouble(e -> ((Number) e.getValue().get("f1")).doubleValue()));
        h.append("<h2>Per intent <small>(worst F1 first)</small></h2>\n<table><tr><th>intent</th><th>precision</th>")
                .append("<th>recall</th><th>F1</th><th>support</th><th>predicted</th></tr>\n");
        for (var e : rows) {
            double f1 = ((Number) e.getValue().get("f1")).doubleValue();
            h.append("<tr class=\"").append(f1 < 0.8 ? "bad" : f1 >= 0.95 ? "good" : "").append("\"><td>")
                    .append(esc(e.getKey())).append("</td>");
            for (String k : List.of("precision", "recall", "f1", "support", "predicted")) {
                h.append("<td class=\"n\">").append(esc(fmt(e.getValue().get(k)))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    @SuppressWarnings("unchecked")
    private static void confusions(StringBuilder h, Map<String, Object> intent) {
        List<Map<String, Object>> top = (List<Map<String, Object>>) intent.get("top_confusions");
        if (top == null || top.isEmpty()) {
            return;
        }
        h.append("<h2>Worst confusions</h2>\n<table><tr><th>expected</th><th>predicted</th><th>count</th></tr>\n");
        for (Map<String, Object> c : top) {
            h.append("<tr><td>").append(esc(c.get("expected"))).append("</td><td>").append(esc(c.get("predicted")))
                    .append("</td><td class=\"n\">").append(esc(fmt(c.get("count")))).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    @SuppressWarnings("unchecked")
    private static void matrix(StringBuilder h, Map<String, Object> intent) {
        Map<String, Object> cm = (Map<String, Object>) intent.get("confusion_matrix");
        if (cm == null) {
            return;
        }
        List<String> labels = (List<String>) cm.get("labels");
        List<List<Integer>> counts = (List<List<Integer>>) cm.get("counts");
        int n = labels.size();
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            shown.add(i);
        }
        String note = "";
        if (n > MAX_MATRIX_LABELS) {
            int[] errors = new int[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i != j) {
                        errors[i] += counts.get(i).get(j);
                        errors[j] += counts.get(i).get(j);
                    }
                }
            }
            shown.sort(Comparator.comparingInt((Integer i) -> -errors[i]).thenComparing(i -> i));
            shown = new ArrayList<>(shown.subList(0, MAX_MATRIX_LABELS));
            shown.sort(Comparator.naturalOrder());
            note = " <small>(the " + MAX_MATRIX_LABELS + " of " + n + " labels with the most errors)</small>";
        }
        int max = 1;
        for (int i : shown) {
            for (int j : shown) {
                max = Math.max(max, counts.get(i).get(j));
            }
        }
        int cell = shown.size() > 30 ? 10 : 16;
        int margin = 170;
        int size = margin + cell * shown.size() + 10;
        h.append("<h2>Confusion matrix").append(note).append("</h2>\n<p><small>Rows: expected; columns: predicted. ")
                .append("Darker blue on the diagonal is correct; red off the diagonal is an error.</small></p>\n");
        h.append("<svg width=\"").append(size).append("\" height=\"").append(size)
                .append("\" role=\"img\" aria-label=\"confusion matrix\" font-size=\"").append(cell - 2)
                .append("\" font-family=\"sans-serif\">\n");
        for (int a = 0; a < shown.size(); a++) {
            String label = esc(abbrev(labels.get(shown.get(a))));
            int y = margin + a * cell + cell - 2;
            h.append("<text x=\"").append(margin - 4).append("\" y=\"").append(y).append("\" text-anchor=\"end\">")
                    .append(label).append("</text>\n");
            int x = margin + a * cell + cell - 2;
            h.append("<text transform=\"translate(").append(x).append(',').append(margin - 4)
                    .append(") rotate(-90)\">").append(label).append("</text>\n");
        }
        for (int a = 0; a < shown.size(); a++) {
            for (int b = 0; b < shown.size(); b++) {
                int c = counts.get(shown.get(a)).get(shown.get(b));
                if (c == 0) {
                    continue;
                }
                double t = Math.sqrt((double) c / max);
                String color = a == b ? rgb(1 - t, 1 - 0.6 * t, 1) : rgb(1, 1 - t, 1 - t);
                h.append("<rect x=\"").append(margin + b * cell).append("\" y=\"").append(margin + a * cell)
                        .append("\" width=\"").append(cell).append("\" height=\"").append(cell).append("\" fill=\"")
                        .append(color).append("\"><title>").append(esc(labels.get(shown.get(a)))).append(" → ")
                        .append(esc(labels.get(shown.get(b)))).append(": ").append(c).append("</title></rect>\n");
            }
        }
        h.append("<rect x=\"").append(margin).append("\" y=\"").append(margin).append("\" width=\"")
                .append(cell * shown.size()).append("\" height=\"").append(cell * shown.size())
                .append("\" fill=\"none\" stroke=\"#999\"/>\n</svg>\n");
    }

    @SuppressWarnings("unchecked")
    private static void histogram(StringBuilder h, Map<String, Object> intent) {
        Map<String, Object> hist = (Map<String, Object>) intent.get("confidence_histogram");
        if (hist == null) {
            return;
        }
        List<String> bins = (List<String>) hist.get("bins");
        List<Integer> ok = (List<Integer>) hist.get("correct");
        List<Integer> bad = (List<Integer>) hist.get("wrong");
        int max = 1;
        for (int i = 0; i < bins.size(); i++) {
            max = Math.max(max, ok.get(i) + bad.get(i));
        }
        int w = 60;
        int height = 200;
        h.append("<h2>Confidence histogram</h2>\n<p><small>Green: correct predictions; red: wrong ones.</small></p>\n")
                .append("<svg width=\"").append(bins.size() * w + 20)
                .append("\" height=\"").append(height + 40).append("\" font-size=\"11\" font-family=\"sans-serif\">\n");
        for (int i = 0; i < bins.size(); i++) {
            int hOk = (int) Math.round((double) ok.get(i) / max * height);
            int hBad = (int) Math.round((double) bad.get(i) / max * height);
            int x = 10 + i * w;
            h.append("<rect x=\"").append(x).append("\" y=\"").append(height - hOk).append("\" width=\"").append(w - 8)
                    .append("\" height=\"").append(hOk).append("\" fill=\"#5cb85c\"><title>correct: ").append(ok.get(i))
                    .append("</title></rect>\n");
            h.append("<rect x=\"").append(x).append("\" y=\"").append(height - hOk - hBad).append("\" width=\"")
                    .append(w - 8).append("\" height=\"").append(hBad).append("\" fill=\"#d9534f\"><title>wrong: ")
                    .append(bad.get(i)).append("</title></rect>\n");
            h.append("<text x=\"").append(x).append("\" y=\"").append(height + 15).append("\">").append(esc(bins.get(i)))
                    .append("</text>\n");
        }
        h.append("</svg>\n");
    }

    @SuppressWarnings("unchecked")
    private static void misclassified(StringBuilder h, Map<String, Object> intent) {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) intent.get("misclassified");
        if (errors == null || errors.isEmpty()) {
            return;
        }
        List<Map<String, Object>> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparingDouble(e -> -((Number) e.get("confidence")).doubleValue()));
        h.append("<h2>Misclassified examples <small>(most confident first, up to 100)</small></h2>\n<table><tr>")
                .append("<th>text</th><th>expected</th><th>predicted</th><th>confidence</th><th>source</th></tr>\n");
        for (Map<String, Object> e : sorted.subList(0, Math.min(100, sorted.size()))) {
            h.append("<tr><td>").append(esc(e.get("text"))).append("</td><td>").append(esc(e.get("expected")))
                    .append("</td><td>").append(esc(e.get("predicted"))).append("</td><td class=\"n\">")
                    .append(esc(fmt(e.get("confidence")))).append("</td><td>").append(esc(e.get("source")))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String abbrev(String s) {
        return s.length() > 26 ? s.substring(0, 25) + "…" : s;
    }

    private static String rgb(double r, double g, double b) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", (int) Math.round(r * 255), (int) Math.round(g * 255),
                (int) Math.round(b * 255));
    }

    private static String fmt(Object v) {
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, "%.4f", d);
        }
        return String.valueOf(v);
    }

    /** Escapes text for HTML element content and attribute values. */
    static String esc(Object value) {
        String s = String.valueOf(value);
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
