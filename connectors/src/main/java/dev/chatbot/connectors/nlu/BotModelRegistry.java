package dev.chatbot.connectors.nlu;

import dev.chatbot.core.dialogue.BotModel;
import dev.chatbot.nlp.data.InvalidTrainingDataException;
import dev.chatbot.nlp.data.LoadResult;
import dev.chatbot.nlp.data.TrainingData;
import dev.chatbot.nlp.data.TrainingDataLoader;
import dev.chatbot.nlp.data.TrainingDataValidator;
import dev.chatbot.nlp.embedding.SentenceEncoder;
import dev.chatbot.nlp.eval.NluEvaluator;
import dev.chatbot.nlp.pipeline.ModelManifest;
import dev.chatbot.nlp.pipeline.ModelStore;
import dev.chatbot.nlp.pipeline.NluTrainer;
import dev.chatbot.nlp.pipeline.PipelineConfig;
import dev.chatbot.nlp.pipeline.PipelineNluEngine;
import dev.chatbot.nlp.pipeline.Progress;
import dev.chatbot.nlp.pipeline.StepRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Model versions and the active one. Each version folder holds the trained steps and, under {@code data/}, a copy of
 * the training data it was trained from (intent handlers, replies and the FAQ belong to the version, so a rollback
 * brings back the bot's answers too). Thread-safe; {@link #current()} is a single volatile read.
 */
public final class BotModelRegistry implements Supplier<BotModel> {

    private static final Logger LOG = LoggerFactory.getLogger(BotModelRegistry.class);
    static final String DATA_SNAPSHOT = "data";
    /** In the models folder: the version an admin activated last, which a restart keeps serving. */
    static final String PINNED = "PUBLISHED";
    /** The parts of a training-data folder a model version keeps (not tests, test sets or build files). */
    private static final List<String> DATA_PARTS = List.of("intents", "entities", "sentiment", "faq");

    private final ModelStore store;
    private final StepRegistry steps;
    private final SentenceEncoder encoder;
    private final Set<String> handlers;
    private final AtomicReference<BotModel> active = new AtomicReference<>();
    private final java.util.concurrent.ExecutorService analysisThreads;

    public BotModelRegistry(Path modelsDir, StepRegistry steps, SentenceEncoder encoder, Set<String> handlers,
                            int maxConcurrentAnalyses) {
        this.store = new ModelStore(modelsDir);
        this.steps = steps;
        this.encoder = encoder;
        this.handlers = Set.copyOf(handlers);
        // platform threads, first come first served: with a non-fair permit on the turns' own virtual threads a
        // barging newcomer won over and over (a few turns waited more than 30 s), and analyses pinned the carriers
        // that database and socket work need (pool time-outs under load): BoundedNluEngine
        this.analysisThreads = NluThreads.create(maxConcurrentAnalyses);
    }

    /** The active bot model. */
    public BotModel current() {
        BotModel m = active.get();
        if (m == null) {
            throw new IllegalStateException("no bot model is active yet");
        }
        return m;
    }

    @Override
    public BotModel get() {
        return current();
    }

    /**
     * Makes sure a model for {@code dataDir} is active: validates the data (errors stop the start with file:line), then
     * loads the active version when it was trained from the same data, or trains and activates a new one.
     */
    public synchronized BotModel start(Path dataDir) {
        TrainingData data = validate(dataDir);
        String fingerprint = NluTrainer.fingerprint(data);
        Optional<String> activeVersion = store.activeVersion();
        if (activeVersion.isPresent()) {
            try {
                ModelManifest m = store.manifest(activeVersion.get());
                if (fingerprint.equals(m.dataFingerprint())) {
                    return activate(activeVersion.get());
                }
                if (pinned().filter(activeVersion.get()::equals).isPresent()) {
                    // an admin published this version (or rolled back to it): keep serving it; edits made since are
                    // published by training and activating a new version, not by a restart
                    LOG.atInfo().addKeyValue("version", m.version())
                            .log("serving the version an admin activated; the training data changed since");
                    return activate(activeVersion.get());
                }
                LOG.atInfo().addKeyValue("version", m.version()).log("training data changed since the active model");
            } catch (RuntimeException e) {
                LOG.atWarn().addKeyValue("version", activeVersion.get()).addKeyValue("error", e.getMessage())
                        .log("active model cannot be loaded; training a new one");
            }
        }
        ModelManifest trained = train(data, dataDir, Progress.NONE);
        return activate(trained.version());
    }

    /** Validates a training-data folder; throws with every error (file:line) when it is not usable. */
    public TrainingData validate(Path dataDir) {
        LoadResult r = new TrainingDataValidator(TrainingDataValidator.Options.DEFAULT.withKnownHandlers(handlers))
                .validate(dataDir);
        r.problems().stream().filter(p -> !p.isError())
                .forEach(p -> LOG.atWarn().addKeyValue("problem", p.toString()).log("training data warning"));
        if (r.hasErrors()) {
            throw new InvalidTrainingDataException("training data " + dataDir, r.problems());
        }
        return r.data();
    }

    /** Trains a new version from validated data and keeps a snapshot of the data with it; does not activate it. */
    public ModelManifest train(TrainingData data, Path dataDir, Progress progress) {
        long start = System.nanoTime();
        ModelManifest m = new NluTrainer(steps, encoder).trainAndSave(data, PipelineConfig.defaults(), store, progress);
        Path folder = store.folder(m.version());
        try {
            snapshot(dataDir, folder.resolve(DATA_SNAPSHOT));
        } catch (RuntimeException e) {
            // a version without its data cannot be activated: take it away again rather than list a broken version
            try {
                deleteTree(folder);
            } catch (IOException again) {
                LOG.atWarn().addKeyValue("version", m.version()).addKeyValue("error", again.getMessage())
                        .log("could not remove a version whose data copy failed");
            }
            throw e;
        }
        LOG.atInfo().addKeyValue("version", m.version()).addKeyValue("seconds", Math.round((System.nanoTime() - start) / 1e8) / 10.0)
                .log("trained a model version");
        return m;
    }

    /** Loads a version and makes it the one every new turn uses; persists the choice. */
    public synchronized BotModel activate(String version) {
        PipelineNluEngine engine = store.load(version, steps, encoder);
        Path snapshot = store.folder(version).resolve(DATA_SNAPSHOT);
        TrainingData data = new TrainingDataLoader().load(snapshot);
        BotModel model = new BotModel(version, new BoundedNluEngine(engine, analysisThreads), data);
        store.activate(version);
        BotModel previous = active.getAndSet(model);
        LOG.atInfo().addKeyValue("version", version)
                .addKeyValue("previous", previous == null ? "none" : previous.version()).log("model version active");
        return model;
    }

    /**
     * Activates a version on an admin's behalf (a new version, or an older one to roll back) and keeps it across restarts:
     * {@link #start} serves it even when the training-data folder has changed since it was trained.
     */
    public synchronized BotModel publish(String version) {
        BotModel model = activate(version);
        try {
            Path tmp = store.root().resolve("." + PINNED + ".tmp");
            Files.writeString(tmp, version + "\n");
            Files.move(tmp, store.root().resolve(PINNED), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the published version in " + store.root(), e);
        }
        return model;
    }

    /** The version an admin published last, if any. */
    public Optional<String> pinned() {
        Path file = store.root().resolve(PINNED);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file).strip()).filter(s -> !s.isEmpty())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Loads a version's language model without activating it (to evaluate it). */
    public PipelineNluEngine engine(String version) {
        return store.load(version, steps, encoder);
    }

    /** An evaluator with this server's steps, sentence encoder and pipeline configuration. */
    public NluEvaluator evaluator() {
        return new NluEvaluator(steps, encoder, PipelineConfig.defaults());
    }

    public List<ModelManifest> versions() {
        return store.versions();
    }

    public Optional<String> activeVersion() {
        BotModel m = active.get();
        return m == null ? Optional.empty() : Optional.of(m.version());
    }

    public ModelStore store() {
        return store;
    }

    /** Copies the YAML parts of a training-data folder into {@code target} (written aside, then moved in place). */
    static void snapshot(Path dataDir, Path target) {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            deleteTree(tmp);
            Files.createDirectories(tmp);
            for (String part : DATA_PARTS) {
                Path from = dataDir.resolve(part);
                if (Files.isSymbolicLink(from) || !Files.isDirectory(from)) {
                    continue; // links are refused by the loader too; never copy what lies outside the folder
                }
                try (Stream<Path> files = Files.walk(from)) {
                    for (Path f : files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).filter(p -> p.toString().endsWith(".yml")
                            || p.toString().endsWith(".yaml")).toList()) {
                        Path to = tmp.resolve(dataDir.relativize(f).toString());
                        Files.createDirectories(to.getParent());
                        Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            deleteTree(target);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep a copy of the training data in " + target + ": " + e, e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
