package dev.chatbot.nlp.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.chatbot.nlp.embedding.SentenceEncoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Versioned model folders under one root:
 * <pre>
 * root/
 *   ACTIVE                      the active version id
 *   20261123-124501-123/        a version (ids sort by creation time)
 *     manifest.json
 *     tokens/ language/ entities/ intent/ sentiment/ faq/    one folder per step
 * </pre>
 * A version is written into a hidden temporary folder and moved into place in one atomic rename, so a
 * reader never sees half a version. Thread-safe for readers; writers of the same root should be one process.
 */
public final class ModelStore {

    /** Version ids: UTC time to the millisecond, with a counter when two fall in the same millisecond. */
    private static final Pattern VERSION_ID = Pattern.compile("\\d{8}-\\d{6}-\\d{3}(?:-\\d{1,4})?");
    private static final DateTimeFormatter ID_FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    private static final String MANIFEST = "manifest.json";
    private static final String ACTIVE = "ACTIVE";

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path root;
    private final Clock clock;

    public ModelStore(Path root) {
        this(root, Clock.systemUTC());
    }

    public ModelStore(Path root, Clock clock) {
        this.root = root;
        this.clock = clock;
    }

    public Path root() {
        return root;
    }

    /** Saves trained steps as a new version and returns its manifest. */
    public synchronized ModelManifest save(TrainedPipeline trained, Map<String, Object> evaluation) {
        Path tmp = root.resolve(".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(root);
            Files.createDirectory(tmp);
            List<String> names = new ArrayList<>();
            for (NluStep step : trained.steps()) {
                Path folder = tmp.resolve(step.name());
                Files.createDirectory(folder);
                step.save(folder);
                names.add(step.name());
            }
            Instant now = clock.instant();
            String base = ID_FORMAT.format(now);
            for (int attempt = 0; attempt < 1000; attempt++) {
                String id = attempt == 0 ? base : base + "-" + attempt;
                if (Files.exists(root.resolve(id))) {
                    continue;
                }
                ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, id, now.toString(),
                        trained.dataFingerprint(), trained.config(), trained.encoderModelId(), names,
                        trained.trainSeconds(), evaluation);
                Files.writeString(tmp.resolve(MANIFEST), JSON.writeValueAsString(manifest), StandardCharsets.UTF_8);
                try {
                    moveAtomically(tmp, root.resolve(id), false);
                    return manifest;
                } catch (FileAlreadyExistsException e) {
                    // another writer took this id in the meantime: try the next one
                }
            }
            throw new ModelStoreException("cannot find a free version id under " + root);
        } catch (IOException e) {
            throw new ModelStoreException("cannot save a model version under " + root + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Every readable version, oldest first. Corrupt folders are skipped (loading one names the problem). */
    public List<ModelManifest> versions() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<ModelManifest> out = new ArrayList<>();
        try (Stream<Path> list = Files.list(root)) {
            for (Path p : list.sorted().toList()) {
                String name = p.getFileName().toString();
                if (Files.isDirectory(p) && VERSION_ID.matcher(name).matches()) {
                    try {
                        out.add(manifest(name));
                    } catch (ModelStoreException e) {
                        // listed as missing; load() reports why
                    }
                }
            }
        } catch (IOException e) {
            throw new ModelStoreException("cannot list model versions in " + root + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(ModelManifest::version));
        return out;
    }

    /** The newest version, if any. */
    public Optional<ModelManifest> latest() {
        List<ModelManifest> all = versions();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The folder of a version (which may not exist). */
    public Path folder(String version) {
        checkId(version);
        return root.resolve(version);
    }

    /** Reads a version's manifest; a clear error naming the folder when it is missing or corrupt. */
    public ModelManifest manifest(String version) {
        Path folder = folder(version);
        Path file = folder.resolve(MANIFEST);
        if (!Files.isDirectory(folder)) {
            throw new ModelStoreException("model version " + version + " not found: no folder " + folder);
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelStoreException("model folder " + folder + " is corrupt: " + MANIFEST + " is missing");
        }
        try {
            ModelManifest m = JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), ModelManifest.class);
            if (m == null || m.formatVersion() != ModelManifest.FORMAT_VERSION || m.pipeline() == null) {
                throw new ModelStoreException("model folder " + folder + " is corrupt: " + MANIFEST
                        + " has an unsupported format");
            }
            if (!version.equals(m.version())) {
                throw new ModelStoreException("model folder " + folder + " is corrupt: its manifest names version "
                        + m.version());
            }
            return m;
        } catch (JsonProcessingException | RuntimeException e) {
            if (e instanceof ModelStoreException mse) {
                throw mse;
            }
            throw new ModelStoreException("model folder " + folder + " is corrupt: " + MANIFEST + " cannot be read: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        } catch (IOException e) {
            throw new ModelStoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Adds an evaluation summary to an existing version's manifest. */
    public synchronized ModelManifest recordEvaluation(String version, Map<String, Object> summary) {
        ModelManifest updated = manifest(version).withEvaluation(summary);
        try {
            writeAtomically(folder(version).resolve(MANIFEST), JSON.writeValueAsString(updated));
        } catch (IOException e) {
            throw new ModelStoreException("cannot update " + folder(version) + ": " + e.getMessage(), e);
        }
        return updated;
    }

    /** The version the server should serve, if one was activated and still exists. */
    public Optional<String> activeVersion() {
        Path file = root.resolve(ACTIVE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String id = Files.readString(file, StandardCharsets.UTF_8).strip();
            return VERSION_ID.matcher(id).matches() && Files.isDirectory(root.resolve(id))
                    ? Optional.of(id) : Optional.empty();
        } catch (IOException e) {
            throw new ModelStoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Makes a version the active one (after checking that its manifest reads). */
    public synchronized void activate(String version) {
        manifest(version);
        try {
            writeAtomically(root.resolve(ACTIVE), version + "\n");
        } catch (IOException e) {
            throw new ModelStoreException("cannot activate " + version + " in " + root + ": " + e.getMessage(), e);
        }
    }

    /** Loads a version's steps into an engine; fails naming the folder when anything is missing or corrupt. */
    public PipelineNluEngine load(String version, StepRegistry registry, SentenceEncoder encoder) {
        ModelManifest m = manifest(version);
        Path folder = folder(version);
        if (!encoder.modelId().equals(m.encoderModelId())) {
            throw new ModelStoreException("model folder " + folder + " was trained with sentence encoder '"
                    + m.encoderModelId() + "' but this process uses '" + encoder.modelId() + "': retrain");
        }
        List<NluStep> steps = new ArrayList<>();
        for (String name : m.steps()) {
            Path stepFolder = folder.resolve(name);
            if (!Files.isDirectory(stepFolder)) {
                throw new ModelStoreException("model folder " + folder + " is corrupt: step folder " + name + " is missing");
            }
            StepTrainer trainer;
            try {
                trainer = registry.trainer(name);
            } catch (PipelineConfigException e) {
                throw new ModelStoreException("model folder " + folder + " needs step '" + name
                        + "' which this build does not have (" + e.getMessage() + ")", e);
            }
            StepContext ctx = new StepContext(encoder, m.pipeline().settingsOf(name), Progress.NONE, m.pipeline().seed());
            try {
                steps.add(trainer.load(stepFolder, ctx));
            } catch (IOException | RuntimeException e) {
                throw new ModelStoreException("model folder " + folder + " is corrupt: step '" + name
                        + "' cannot be loaded: " + e.getMessage(), e);
            }
        }
        return new PipelineNluEngine(steps, encoder, m.pipeline(), version);
    }

    /** Loads the active version, or the newest when none is active. */
    public PipelineNluEngine loadActive(StepRegistry registry, SentenceEncoder encoder) {
        String version = activeVersion().or(() -> latest().map(ModelManifest::version))
                .orElseThrow(() -> new ModelStoreException("no trained model in " + root + ": run train first"));
        return load(version, registry, encoder);
    }

    private static void checkId(String version) {
        if (version == null || !VERSION_ID.matcher(version).matches()) {
            throw new ModelStoreException("not a model version id: '" + version + "'");
        }
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            moveAtomically(tmp, target, true);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void moveAtomically(Path from, Path to, boolean replace) throws IOException {
        try {
            if (replace) {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                if (Files.exists(to)) {
                    throw new FileAlreadyExistsException(to.toString());
                }
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + to.getParent() + " cannot rename atomically", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a stale temporary folder is hidden and harmless
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** For tests and tools: the JSON mapper used for manifests. */
    static ObjectMapper json() {
        return JSON;
    }
}
