package dev.chatbot.connectors.admin;

import dev.chatbot.connectors.http.ApiException;
import dev.chatbot.nlp.data.LoadResult;
import dev.chatbot.nlp.data.TrainingDataLoader;
import dev.chatbot.nlp.data.TrainingDataValidator;
import io.micronaut.http.HttpStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The training-data folder the server was started with, as the admin API reads and writes it: files are found by
 * name, read with a version (a hash of their bytes, used as the HTTP ETag), written atomically (a temporary file
 * beside the target, then one rename) and only ever inside the folder. A change set is validated with the real
 * validator on a copy of the folder before anything is written.
 *
 * <p>Writers take {@link #locked}, so edits and the training job's copy of the folder never interleave.
 */
public final class TrainingDataFolder {

    /** The parts of a training-data folder the admin edits (and that a model version snapshots). */
    static final List<String> PARTS = List.of("intents", "entities", "sentiment", "faq");
    /** Held-apart evaluation data inside the training-data folder. */
    static final String TEST_SET = "test-set";

    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,99}");
    private static final Pattern FILE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,99}\\.ya?ml");
    private static final long MAX_FILE_BYTES = 16L << 20;

    private final Path root;
    private final TrainingDataValidator.Options options;
    private final ReentrantLock lock = new ReentrantLock();

    public TrainingDataFolder(Path root, TrainingDataValidator.Options options) {
        this.root = root.toAbsolutePath().normalize();
        this.options = options;
    }

    public Path root() {
        return root;
    }

    /** Runs {@code work} while no other admin write or training copy runs. */
    public <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- finding and reading

    /** The YAML files under a part ({@code intents}, {@code faq}, ...), as folder-relative paths, sorted. */
    public List<String> files(String part) {
        Path dir = root.resolve(part);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return !n.startsWith(".") && (n.endsWith(".yml") || n.endsWith(".yaml"));
                    })
                    .map(this::relative).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** The file of a named item ({@code intents/**\/<name>.yml}), if there is one. */
    public Optional<String> find(String part, String name) {
        return files(part).stream().filter(f -> {
            String file = f.substring(f.lastIndexOf('/') + 1);
            return file.equals(name + ".yml") || file.equals(name + ".yaml");
        }).findFirst();
    }

    /** A file's text and version. */
    public FileText read(String rel) {
        Path p = resolve(rel);
        try {
            if (Files.size(p) > MAX_FILE_BYTES) {
                throw new ApiException(HttpStatus.CONFLICT, "file_too_large", rel + " is larger than 16 MiB.");
            }
            byte[] bytes = Files.readAllBytes(p);
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return new FileText(rel, text, version(bytes));
        } catch (CharacterCodingException e) {
            throw new ApiException(HttpStatus.CONFLICT, "not_utf8", rel + " is not valid UTF-8; fix it on disk.");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + rel, e);
        }
    }

    public boolean exists(String rel) {
        return Files.exists(resolve(rel), LinkOption.NOFOLLOW_LINKS);
    }

    /** The version of a text as the file would hold it. */
    public static String version(String text) {
        return version(text.getBytes(StandardCharsets.UTF_8));
    }

    static String version(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A folder-relative path as a location inside the folder. Refuses absolute paths, {@code ..}, hidden or oddly named
     * segments, symbolic links, and anything that would end up outside the folder.
     */
    public Path resolve(String rel) {
        if (rel == null || rel.isEmpty() || rel.startsWith("/") || rel.contains("\\") || rel.length() > 400) {
            throw pathRefused(rel);
        }
        String[] segments = rel.split("/", -1);
        if (segments.length < 2 || segments.length > 6 || !PARTS.contains(segments[0])) {
            throw pathRefused(rel);
        }
        for (int i = 1; i < segments.length; i++) {
            Pattern p = i == segments.length - 1 ? FILE : SEGMENT;
            if (!p.matcher(segments[i]).matches()) {
                throw pathRefused(rel);
            }
        }
        Path target = root.resolve(rel).normalize();
        if (!target.startsWith(root) || Files.isSymbolicLink(target)) {
            throw pathRefused(rel);
        }
        try {
            Path realRoot = Files.exists(root) ? root.toRealPath() : root;
            for (Path p = target.getParent(); p != null && p.startsWith(root); p = p.getParent()) {
                if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    if (!p.toRealPath().startsWith(realRoot)) {
                        throw pathRefused(rel);
                    }
                    break;
                }
            }
        } catch (IOException e) {
            throw pathRefused(rel);
        }
        return target;
    }

    private static ApiException pathRefused(String rel) {
        return ApiException.badRequest("invalid_path", "Refused path '" + String.valueOf(rel).replaceAll("[\\p{Cntrl}]", "?")
                + "': only .yml files inside intents/, entities/, sentiment/ and faq/ of the training-data folder.");
    }

    private String relative(Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    // ---------------------------------------------------------------- writing

    /** Writes a file atomically: a temporary file in the same folder, flushed to disk, then renamed over the target. */
    public void write(String rel, String text) {
        Path target = resolve(rel);
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + rel, e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a hidden temporary file left behind is ignored by the loader
            }
        }
    }

    public void delete(String rel) {
        try {
            Files.deleteIfExists(resolve(rel));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + rel, e);
        }
    }

    // ---------------------------------------------------------------- checking and copying

    /**
     * Validates the folder as it would be after a change set (file -> new text, or null to delete), on a temporary
     * copy, with the server's validator (known handlers included). Nothing in the folder changes.
     */
    public LoadResult check(Map<String, String> changes, Path scratch) {
        Path copy = scratch.resolve("check-" + UUID.randomUUID());
        try {
            copyParts(copy, false);
            for (Map.Entry<String, String> c : changes.entrySet()) {
                Path p = copy.resolve(c.getKey());
                if (c.getValue() == null) {
                    Files.deleteIfExists(p);
                } else {
                    Files.createDirectories(p.getParent());
                    Files.writeString(p, c.getValue(), StandardCharsets.UTF_8);
                }
            }
            return new TrainingDataValidator(new TrainingDataLoader(), options).validate(copy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a check of the training data", e);
        } finally {
            deleteTree(copy);
        }
    }

    /** Copies the YAML parts (and, when asked, the test set) into {@code target}, which must not exist yet. */
    public void copyParts(Path target, boolean withTestSet) throws IOException {
        Files.createDirectories(target);
        List<String> parts = new ArrayList<>(PARTS);
        if (withTestSet) {
            parts.add(TEST_SET);
        }
        Path queries = root.resolve("tests").resolve("faq-queries.yml");
        if (Files.isRegularFile(queries, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(target.resolve("tests"));
            Files.copy(queries, target.resolve("tests").resolve("faq-queries.yml"));
        }
        for (String part : parts) {
            Path from = root.resolve(part);
            if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path f : walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                    String n = f.getFileName().toString();
                    if (n.startsWith(".") || !(n.endsWith(".yml") || n.endsWith(".yaml"))) {
                        continue;
                    }
                    Path to = target.resolve(root.relativize(f).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: scratch folders are under the server's home
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** A file's text and its version (the first 96 bits of the SHA-256 of its bytes, in hex). */
    public record FileText(String file, String text, String version) {
    }
}
