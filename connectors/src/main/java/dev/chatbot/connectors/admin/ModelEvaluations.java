package dev.chatbot.connectors.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatbot.connectors.http.Json;
import dev.chatbot.connectors.nlu.BotModelRegistry;
import dev.chatbot.nlp.data.FaqQuery;
import dev.chatbot.nlp.data.TrainingData;
import dev.chatbot.nlp.eval.Report;
import dev.chatbot.nlp.pipeline.ModelManifest;
import dev.chatbot.nlp.pipeline.NluTrainer;
import dev.chatbot.nlp.pipeline.PipelineNluEngine;
import dev.chatbot.nlp.pipeline.Progress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Measures model versions with the project's own evaluator and compares them. A version is measured on the bot's
 * {@code test-set/} folder when it has one (the same examples every time, so versions compare directly), otherwise
 * on a stratified hold-out ({@link HoldOut}): then a separate model is trained without the held-out part, since the
 * published version has seen all of it. The full report (JSON and the self-contained HTML page) is kept in the
 * version's folder; the headline numbers go into its manifest.
 */
public final class ModelEvaluations {

    static final String REPORT_JSON = "report.json";
    static final String REPORT_HTML = "report.html";
    static final String TEST_SET = "test_set";
    static final String HOLD_OUT = "hold_out";

    /** The numbers versions are compared on: section, key, label. */
    static final List<String[]> HEADLINE = List.of(
            new String[]{"intent", "accuracy", "Intent accuracy"},
            new String[]{"intent", "macro_f1", "Intent macro F1"},
            new String[]{"intent", "oos_recall", "Out-of-scope recall"},
            new String[]{"faq", "map", "FAQ MAP"},
            new String[]{"sentiment", "accuracy", "Sentiment accuracy"},
            new String[]{"entities", "f1", "Entity F1"});

    private final BotModelRegistry registry;
    private final AdminConsoleConfig config;
    private final Clock clock;

    public ModelEvaluations(BotModelRegistry registry, AdminConsoleConfig config, Clock clock) {
        this.registry = registry;
        this.config = config;
        this.clock = clock;
    }

    /** Measures a saved version on a test folder's data and records the result. */
    public Map<String, Object> onTestSet(String version, TrainingData test, Progress progress) {
        PipelineNluEngine engine = registry.engine(version);
        double trainSeconds = registry.store().manifest(version).trainSeconds();
        Report report = registry.evaluator().evaluate(engine, test, trainSeconds, progress);
        return record(version, report, TEST_SET, fingerprint(test));
    }

    /**
     * Measures how the version's recipe does on data it has not seen: trains an evaluation model on the data minus a
     * stratified hold-out and measures it on the hold-out.
     */
    public Map<String, Object> onHoldOut(String version, TrainingData data, Progress progress) {
        HoldOut.Split split = HoldOut.split(data, config.getHoldOutFraction(), 42L);
        Report report = registry.evaluator().evaluate(split.train(), split.test(), progress);
        return record(version, report, HOLD_OUT, fingerprint(split.test()));
    }

    private Map<String, Object> record(String version, Report report, String method, String testData) {
        Path folder = registry.store().folder(version);
        try {
            report.writeJson(folder.resolve(REPORT_JSON));
            report.writeHtml(folder.resolve(REPORT_HTML));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the evaluation report of " + version, e);
        }
        Map<String, Object> evaluation = new LinkedHashMap<>();
        evaluation.put("method", method);
        evaluation.put("test_data", testData);
        evaluation.put("evaluated_at", clock.instant().toString());
        evaluation.putAll(report.summary());
        registry.store().recordEvaluation(version, evaluation);
        return evaluation;
    }

    /** The saved report of a version, if it was evaluated. */
    public Optional<Path> report(String version, String file) {
        Path p = registry.store().folder(version).resolve(file);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** A fingerprint of test data, FAQ queries included, so that "measured on the same data" can be checked. */
    static String fingerprint(TrainingData test) {
        StringBuilder sb = new StringBuilder(NluTrainer.fingerprint(test));
        for (FaqQuery q : test.faqQueries()) {
            sb.append('\n').append(q.text()).append('\u0000').append(String.join("\u0001", q.relevant()));
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- numbers and comparisons

    /** A headline number of an evaluation, if it has it. */
    static Optional<Double> number(Map<String, Object> evaluation, String section, String key) {
        if (evaluation == null || !(evaluation.get(section) instanceof Map<?, ?> s) || !(s.get(key) instanceof Number n)) {
            return Optional.empty();
        }
        return Optional.of(n.doubleValue());
    }

    /** The headline numbers of a version for the console: {accuracy, macro_f1, oos_recall, faq_map, ...}. */
    static ObjectNode headline(Map<String, Object> evaluation) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        if (evaluation == null) {
            return n;
        }
        n.put("method", String.valueOf(evaluation.getOrDefault("method", "")));
        Object at = evaluation.get("evaluated_at");
        if (at != null) {
            n.put("evaluatedAt", at.toString());
        }
        number(evaluation, "intent", "accuracy").ifPresent(v -> n.put("accuracy", v));
        number(evaluation, "intent", "macro_f1").ifPresent(v -> n.put("macroF1", v));
        number(evaluation, "intent", "oos_recall").ifPresent(v -> n.put("oosRecall", v));
        number(evaluation, "intent", "examples").ifPresent(v -> n.put("intentExamples", v.intValue()));
        number(evaluation, "faq", "map").ifPresent(v -> n.put("faqMap", v));
        number(evaluation, "faq", "recall_at_1").ifPresent(v -> n.put("faqRecallAt1", v));
        number(evaluation, "sentiment", "accuracy").ifPresent(v -> n.put("sentimentAccuracy", v));
        number(evaluation, "entities", "f1").ifPresent(v -> n.put("entityF1", v));
        number(evaluation, "timing", "predict_ms_p50").ifPresent(v -> n.put("predictMsP50", v));
        return n;
    }

    /** How a version compares with another on the same kind of test data. */
    public enum Verdict { BETTER, SAME, WORSE, UNKNOWN }

    /** A comparison, with a sentence an admin can read. */
    public record Comparison(String against, Verdict verdict, boolean comparable, String summary, ObjectNode json) {

        /** Whether activating the version would be a regression the admin has to confirm. */
        public boolean blocksActivation() {
            return verdict == Verdict.WORSE && comparable;
        }
    }

    /** Compares {@code candidate} with {@code base} (normally the active version). */
    Comparison compare(ModelManifest candidate, ModelManifest base) {
        ObjectNode json = Json.MAPPER.createObjectNode().put("against", base.version());
        Map<String, Object> c = candidate.evaluation();
        Map<String, Object> b = base.evaluation();
        if (c == null || b == null) {
            String why = c == null ? "This version has not been evaluated yet." : "The active version " + base.version()
                    + " has no evaluation to compare with.";
            json.put("verdict", "unknown").put("comparable", false).put("summary", why);
            json.putArray("changes");
            return new Comparison(base.version(), Verdict.UNKNOWN, false, why, json);
        }
        boolean sameData = String.valueOf(c.get("method")).equals(String.valueOf(b.get("method")))
                && String.valueOf(c.get("test_data")).equals(String.valueOf(b.get("test_data")));
        double tol = config.getRegressionTolerance();
        ArrayNode changes = json.putArray("changes");
        StringBuilder worse = new StringBuilder();
        StringBuilder better = new StringBuilder();
        for (String[] h : HEADLINE) {
            Optional<Double> cv = number(c, h[0], h[1]);
            Optional<Double> bv = number(b, h[0], h[1]);
            if (cv.isEmpty() || bv.isEmpty()) {
                continue;
            }
            double delta = cv.get() - bv.get();
            boolean isWorse = delta < -tol;
            boolean isBetter = delta > tol;
            changes.addObject().put("metric", h[0] + "." + h[1]).put("label", h[2]).put("value", cv.get())
                    .put("active", bv.get()).put("delta", Math.round(delta * 10000) / 10000.0)
                    .put("worse", isWorse).put("better", isBetter);
            String part = h[2] + " " + points(delta);
            if (isWorse) {
                worse.append(worse.isEmpty() ? "" : ", ").append(part);
            } else if (isBetter) {
                better.append(better.isEmpty() ? "" : ", ").append(part);
            }
        }
        Verdict verdict = !worse.isEmpty() ? Verdict.WORSE : !better.isEmpty() ? Verdict.BETTER : Verdict.SAME;
        String summary = switch (verdict) {
            case WORSE -> "Worse than the active version " + base.version() + ": " + worse
                    + (better.isEmpty() ? "" : " (better: " + better + ")") + ".";
            case BETTER -> "Better than the active version " + base.version() + ": " + better + ".";
            default -> "About the same as the active version " + base.version() + " (no headline number moved more than "
                    + points(tol).replace("+", "") + ").";
        };
        if (!sameData) {
            summary += " Not directly comparable: the two were measured on different test data.";
        }
        json.put("verdict", verdict.name().toLowerCase(java.util.Locale.ROOT)).put("comparable", sameData)
                .put("summary", summary).put("tolerance", tol);
        return new Comparison(base.version(), verdict, sameData, summary, json);
    }

    /** A difference of two shares in percentage points: "+1.2 pts", "-0.4 pts". */
    static String points(double delta) {
        return String.format(java.util.Locale.ROOT, "%+.1f pts", delta * 100);
    }
}
