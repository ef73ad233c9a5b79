package dev.chatbot.connectors.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatbot.connectors.http.Json;
import dev.chatbot.nlp.pipeline.Progress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One background job of the admin console: train a new version from the training-data folder and evaluate it, or
 * evaluate an existing version. Progress is kept as named steps (each waiting, running, done, failed or skipped) and
 * one overall percentage that only grows. Thread-safe: the job's thread writes, API calls read snapshots.
 */
public final class TrainingJob {

    /** Where a job is. */
    public enum State { RUNNING, DONE, FAILED }

    /** What a job does. */
    public enum Kind { TRAIN, EVALUATE }

    private final String id;
    private final Kind kind;
    private final String startedBy;
    private final Instant startedAt;
    private final boolean activateWhenDone;
    private final Map<String, String> steps = new LinkedHashMap<>();
    private State state = State.RUNNING;
    private double percent;
    private String task = "starting";
    private Instant finishedAt;
    private String version;
    private ObjectNode evaluation;
    private ObjectNode comparison;
    private boolean activated;
    private String note;
    private String error;
    private JsonNode problems;

    TrainingJob(String id, Kind kind, String startedBy, Instant startedAt, boolean activateWhenDone, List<String> stepNames) {
        this.id = id;
        this.kind = kind;
        this.startedBy = startedBy;
        this.startedAt = startedAt;
        this.activateWhenDone = activateWhenDone;
        stepNames.forEach(s -> steps.put(s, "waiting"));
    }

    public String id() {
        return id;
    }

    boolean activateWhenDone() {
        return activateWhenDone;
    }

    public synchronized State state() {
        return state;
    }

    public synchronized String version() {
        return version;
    }

    synchronized void version(String v) {
        this.version = v;
    }

    synchronized void step(String name, String stepState) {
        steps.put(name, stepState);
    }

    synchronized void evaluation(ObjectNode e) {
        this.evaluation = e;
    }

    synchronized void comparison(ObjectNode c) {
        this.comparison = c;
    }

    synchronized void activated(boolean a) {
        this.activated = a;
    }

    synchronized void note(String n) {
        this.note = n;
    }

    synchronized void progress(String task, double pct) {
        this.task = task;
        this.percent = Math.max(percent, Math.min(100.0, pct));
    }

    synchronized void finish(Instant at) {
        state = State.DONE;
        percent = 100;
        task = "done";
        finishedAt = at;
        steps.replaceAll((k, v) -> v.equals("waiting") ? "skipped" : v);
    }

    synchronized void fail(Instant at, String message, JsonNode problems) {
        state = State.FAILED;
        error = message;
        this.problems = problems;
        finishedAt = at;
        steps.replaceAll((k, v) -> v.equals("running") ? "failed" : v.equals("waiting") ? "skipped" : v);
    }

    public synchronized ObjectNode json() {
        ObjectNode n = Json.MAPPER.createObjectNode()
                .put("id", id)
                .put("kind", kind.name().toLowerCase(Locale.ROOT))
                .put("state", state.name().toLowerCase(Locale.ROOT))
                .put("percent", Math.round(percent * 10) / 10.0)
                .put("task", task)
                .put("startedBy", startedBy)
                .put("startedAt", startedAt.toString())
                .put("activate", activateWhenDone)
                .put("activated", activated);
        ArrayNode s = n.putArray("steps");
        steps.forEach((name, st) -> s.addObject().put("name", name).put("state", st));
        if (finishedAt != null) {
            n.put("finishedAt", finishedAt.toString());
        }
        if (version != null) {
            n.put("version", version);
        }
        if (evaluation != null) {
            n.set("evaluation", evaluation);
        }
        if (comparison != null) {
            n.set("comparison", comparison);
        }
        if (note != null) {
            n.put("note", note);
        }
        if (error != null) {
            n.put("error", error);
        }
        if (problems != null) {
            n.set("problems", problems);
        }
        return n;
    }

    /**
     * A progress sink that maps a phase onto [from, to] of the whole job. The trainer reports "training STEP" with the
     * step's place among the pipeline's steps and, in between, each step's own progress; the evaluator reports its
     * predicting and FAQ phases. With {@code trainsFirst} (a hold-out evaluation trains its own model) training fills
     * the first half and measuring the second.
     */
    Progress range(double from, double to, boolean trainsFirst) {
        return new Progress() {
            private long outerDone;
            private long outerTotal = -1;

            @Override
            public void update(String task, long done, long total) {
                double inner = total > 0 ? Math.min(1.0, (double) done / total) : 0.0;
                boolean measuring = task.startsWith("predicting") || task.startsWith("evaluating");
                double f;
                if (!measuring) {
                    boolean outer = task.startsWith("training ") && total > 0;
                    if (outer) {
                        outerDone = done;
                        outerTotal = total;
                    }
                    double t = outerTotal > 0 ? (outerDone + (outer ? 0 : inner)) / outerTotal : 0.0;
                    f = trainsFirst ? 0.5 * t : t;
                } else {
                    double e = task.startsWith("predicting (timed)") ? 0.4 * inner
                            : task.startsWith("predicting") ? 0.4 + 0.4 * inner : 0.8 + 0.2 * inner;
                    f = trainsFirst ? 0.5 + 0.5 * e : e;
                }
                progress(task, from + (to - from) * Math.max(0.0, Math.min(1.0, f)));
            }
        };
    }

    static List<String> trainSteps() {
        return new ArrayList<>(List.of("copy", "validate", "train", "evaluate", "compare", "activate"));
    }

    static List<String> evaluateSteps() {
        return new ArrayList<>(List.of("evaluate", "compare"));
    }
}
