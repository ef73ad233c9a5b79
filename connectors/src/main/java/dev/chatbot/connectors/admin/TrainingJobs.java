package dev.chatbot.connectors.admin;

import dev.chatbot.connectors.http.ApiException;
import dev.chatbot.connectors.nlu.BotModelRegistry;
import dev.chatbot.nlp.data.InvalidTrainingDataException;
import dev.chatbot.nlp.data.LoadResult;
import dev.chatbot.nlp.data.SourceRef;
import dev.chatbot.nlp.data.TrainingData;
import dev.chatbot.nlp.data.TrainingDataLoader;
import dev.chatbot.nlp.data.ValidationProblem;
import dev.chatbot.nlp.pipeline.ModelManifest;
import io.micronaut.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs the admin console's training and evaluation jobs, one at a time, on one background thread of their own (they
 * are CPU-bound; chat turns keep their own bounded NLU permits). A training job copies the training-data folder
 * (under the edit lock, so it trains exactly what was saved), validates the copy, trains a new version, evaluates it,
 * compares it with the active version and, when asked and no regression shows, activates it.
 */
public final class TrainingJobs {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingJobs.class);

    private final BotModelRegistry registry;
    private final TrainingDataEdits edits;
    private final ModelEvaluations evaluations;
    private final AdminConsoleConfig config;
    private final Clock clock;
    private final Path workDir;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("chatbot-training").daemon(true).factory());
    private final Deque<TrainingJob> jobs = new ArrayDeque<>();
    private TrainingJob running;

    public TrainingJobs(BotModelRegistry registry, TrainingDataEdits edits, ModelEvaluations evaluations,
                        AdminConsoleConfig config, Clock clock, Path workDir) {
        this.registry = registry;
        this.edits = edits;
        this.evaluations = evaluations;
        this.config = config;
        this.clock = clock;
        this.workDir = workDir;
    }

    /** Starts training a new version; 409 {@code job_running} when a job runs. */
    public synchronized TrainingJob train(String who, boolean activate) {
        TrainingJob job = admit(TrainingJob.Kind.TRAIN, who, activate, TrainingJob.trainSteps());
        thread.execute(() -> run(job, () -> trainJob(job)));
        return job;
    }

    /** Starts evaluating an existing version; 409 {@code job_running} when a job runs. */
    public synchronized TrainingJob evaluate(String who, String version) {
        registry.store().manifest(version);
        TrainingJob job = admit(TrainingJob.Kind.EVALUATE, who, false, TrainingJob.evaluateSteps());
        job.version(version);
        thread.execute(() -> run(job, () -> evaluateJob(job, version)));
        return job;
    }

    private TrainingJob admit(TrainingJob.Kind kind, String who, boolean activate, List<String> steps) {
        if (running != null && running.state() == TrainingJob.State.RUNNING) {
            throw new ApiException(HttpStatus.CONFLICT, "job_running", "Job " + running.id() + " is still running ("
                    + running.json().path("task").asText() + "); one job runs at a time.");
        }
        TrainingJob job = new TrainingJob(UUID.randomUUID().toString().substring(0, 8), kind, who, clock.instant(),
                activate, steps);
        running = job;
        jobs.addFirst(job);
        while (jobs.size() > Math.max(1, config.getJobHistory())) {
            jobs.removeLast();
        }
        LOG.atInfo().addKeyValue("job", job.id()).addKeyValue("kind", kind).addKeyValue("user", who).log("admin job started");
        return job;
    }

    public synchronized Optional<TrainingJob> job(String id) {
        return jobs.stream().filter(j -> j.id().equals(id)).findFirst();
    }

    public synchronized List<TrainingJob> jobs() {
        return List.copyOf(jobs);
    }

    public synchronized Optional<TrainingJob> running() {
        return running != null && running.state() == TrainingJob.State.RUNNING ? Optional.of(running) : Optional.empty();
    }

    private void run(TrainingJob job, Runnable work) {
        try {
            work.run();
            job.finish(clock.instant());
            LOG.atInfo().addKeyValue("job", job.id()).addKeyValue("version", job.version()).log("admin job done");
        } catch (InvalidTrainingDataException e) {
            job.fail(clock.instant(), "The training data has errors; nothing was trained.",
                    TrainingDataEdits.problems(e.problems().stream().filter(ValidationProblem::isError).toList(), Map.of()));
        } catch (JobFailure e) {
            job.fail(clock.instant(), e.getMessage(), e.problems == null ? null
                    : TrainingDataEdits.problems(e.problems, Map.of()));
        } catch (RuntimeException | Error e) {
            LOG.atError().setCause(e).addKeyValue("job", job.id()).log("admin job failed");
            job.fail(clock.instant(), "The job failed: " + e.getMessage(), null);
        }
    }

    private void trainJob(TrainingJob job) {
        Path dir = workDir.resolve(job.id());
        Path copy = dir.resolve("data");
        try {
            job.step("copy", "running");
            job.progress("copying the training data", 0);
            edits.locked(() -> {
                try {
                    TrainingDataFolder.deleteTree(dir);
                    edits.folder().copyParts(copy, true);
                } catch (IOException e) {
                    throw new JobFailure("Cannot copy the training data: " + e.getMessage(), null);
                }
                return null;
            });
            job.step("copy", "done");

            job.step("validate", "running");
            job.progress("validating", 2);
            TrainingData data = registry.validate(copy);
            job.step("validate", "done");

            job.step("train", "running");
            ModelManifest trained = registry.train(data, copy, job.range(5, 70, false));
            job.version(trained.version());
            job.step("train", "done");

            job.step("evaluate", "running");
            Optional<TrainingData> testSet = testSet(copy);
            Map<String, Object> evaluation;
            Optional<String> active = registry.activeVersion();
            if (testSet.isPresent()) {
                boolean activeNeedsNumbers = active.filter(a -> !a.equals(trained.version())).map(a -> {
                    Map<String, Object> e = registry.store().manifest(a).evaluation();
                    return e == null || !ModelEvaluations.TEST_SET.equals(e.get("method"))
                            || !ModelEvaluations.fingerprint(testSet.get()).equals(e.get("test_data"));
                }).orElse(false);
                evaluation = evaluations.onTestSet(trained.version(), testSet.get(),
                        job.range(70, activeNeedsNumbers ? 85 : 97, false));
                if (activeNeedsNumbers) {
                    job.progress("evaluating the active version " + active.get() + " on the same test set", 85);
                    evaluations.onTestSet(active.get(), testSet.get(), job.range(85, 97, false));
                }
            } else {
                evaluation = evaluations.onHoldOut(trained.version(), data, job.range(70, 97, true));
            }
            job.evaluation(ModelEvaluations.headline(evaluation));
            job.step("evaluate", "done");

            compareAndMaybeActivate(job, trained.version());
        } finally {
            TrainingDataFolder.deleteTree(dir);
        }
    }

    private void evaluateJob(TrainingJob job, String version) {
        Path dir = workDir.resolve(job.id());
        try {
            job.step("evaluate", "running");
            Path copy = dir.resolve("data");
            edits.locked(() -> {
                try {
                    edits.folder().copyParts(copy, true);
                } catch (IOException e) {
                    throw new JobFailure("Cannot copy the test data: " + e.getMessage(), null);
                }
                return null;
            });
            Optional<TrainingData> testSet = testSet(copy);
            Map<String, Object> evaluation;
            if (testSet.isPresent()) {
                evaluation = evaluations.onTestSet(version, testSet.get(), job.range(0, 97, false));
            } else {
                // the version's own training data, held out the same way as when it is trained
                Path snapshot = registry.store().folder(version).resolve("data");
                TrainingData data = new TrainingDataLoader().load(snapshot);
                evaluation = evaluations.onHoldOut(version, data, job.range(0, 97, true));
            }
            job.evaluation(ModelEvaluations.headline(evaluation));
            job.step("evaluate", "done");
            job.step("compare", "running");
            registry.activeVersion().filter(a -> !a.equals(version)).ifPresent(a -> job.comparison(
                    evaluations.compare(registry.store().manifest(version), registry.store().manifest(a)).json()));
            job.step("compare", "done");
        } finally {
            TrainingDataFolder.deleteTree(dir);
        }
    }

    private void compareAndMaybeActivate(TrainingJob job, String version) {
        job.step("compare", "running");
        job.progress("comparing with the active version", 97);
        Optional<String> active = registry.activeVersion();
        ModelEvaluations.Comparison comparison = null;
        if (active.isPresent() && !active.get().equals(version)) {
            comparison = evaluations.compare(registry.store().manifest(version), registry.store().manifest(active.get()));
            job.comparison(comparison.json());
        }
        job.step("compare", "done");
        if (!job.activateWhenDone()) {
            return;
        }
        job.step("activate", "running");
        if (comparison != null && comparison.blocksActivation()) {
            job.step("activate", "skipped");
            job.note("Not activated: " + comparison.summary() + " Activate it yourself if you still want it.");
            return;
        }
        job.progress("activating " + version, 98);
        registry.publish(version);
        job.activated(true);
        job.step("activate", "done");
    }

    /** The test set copied with the data, when it holds anything to measure. */
    private Optional<TrainingData> testSet(Path copy) {
        Path dir = copy.resolve(TrainingDataFolder.TEST_SET);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        LoadResult r = new TrainingDataLoader().read(dir);
        TrainingData test = r.data();
        boolean empty = test.intents().isEmpty() && test.sentiment().isEmpty() && test.faqQueries().isEmpty();
        if (empty && !Files.isDirectory(dir.resolve("intents")) && !Files.isDirectory(dir.resolve("sentiment"))) {
            return Optional.empty();
        }
        if (r.hasErrors()) {
            throw new JobFailure("The test set (" + TrainingDataFolder.TEST_SET + "/) has errors; the new version was "
                    + "trained but not evaluated.", r.errors().stream().map(p -> new ValidationProblem(p.severity(),
                    new SourceRef(TrainingDataFolder.TEST_SET + "/" + p.source().file(), p.source().line()), p.message()))
                    .toList());
        }
        return empty ? Optional.empty() : Optional.of(test);
    }

    /** Stops a running job (the server is shutting down). */
    public void close() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** A job that stops with a message for the admin. */
    private static final class JobFailure extends RuntimeException {
        final transient List<ValidationProblem> problems;

        JobFailure(String message, List<ValidationProblem> problems) {
            super(message, null, false, false);
            this.problems = problems;
        }
    }
}
