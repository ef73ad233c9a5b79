package dev.chatbot.connectors.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatbot.connectors.http.ApiException;
import dev.chatbot.connectors.http.Json;
import dev.chatbot.nlp.data.LoadResult;
import dev.chatbot.nlp.data.ValidationProblem;
import io.micronaut.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Saves a set of file changes to the training-data folder the safe way: under the folder's lock, each changed file's
 * version is checked against what the admin last read (409 {@code stale} otherwise), the whole folder as it would be
 * afterwards is validated with the real validator (400 {@code invalid_data} with every problem, file and line, and
 * nothing is written), and only then are the files written, each atomically.
 */
public final class TrainingDataEdits {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingDataEdits.class);

    private final TrainingDataFolder folder;
    private final Path scratch;

    public TrainingDataEdits(TrainingDataFolder folder, Path scratch) {
        this.folder = folder;
        this.scratch = scratch;
    }

    public TrainingDataFolder folder() {
        return folder;
    }

    /** What a change does to one file. */
    public enum Kind { CREATE, UPDATE, DELETE }

    /**
     * One file's change.
     *
     * @param file            folder-relative path
     * @param text            the new text (null for a deletion)
     * @param expectedVersion the version the admin edited, or null to skip the check
     * @param kind            create (the file must not exist), update or delete (it must)
     */
    public record Change(String file, String text, String expectedVersion, Kind kind) {
    }

    /**
     * What a saved (or, in a dry run, checked) change set did.
     *
     * @param saved    false for a dry run
     * @param versions the new version of each written file
     * @param warnings the validator's warnings about the changed files
     */
    public record Outcome(boolean saved, Map<String, String> versions, List<ValidationProblem> warnings) {
    }

    /** Runs a read-modify-write under the folder's lock. */
    public <T> T locked(Supplier<T> work) {
        return folder.locked(work);
    }

    /**
     * Checks and saves changes.
     *
     * @param dryRun only check: report problems and warnings, write nothing
     * @param who    the admin, for the log
     * @param what   what they did, for the log
     */
    public Outcome commit(List<Change> changes, boolean dryRun, String who, String what) {
        return folder.locked(() -> {
            Map<String, String> texts = new LinkedHashMap<>();
            for (Change c : changes) {
                boolean exists = folder.exists(c.file());
                if (c.kind() == Kind.CREATE && exists) {
                    throw new ApiException(HttpStatus.CONFLICT, "exists", c.file() + " exists already.");
                }
                if (c.kind() != Kind.CREATE && !exists) {
                    throw new ApiException(HttpStatus.NOT_FOUND, "not_found", c.file() + " does not exist (any more).");
                }
                if (c.expectedVersion() != null && exists) {
                    String current = folder.read(c.file()).version();
                    if (!current.equals(c.expectedVersion())) {
                        throw new ApiException(HttpStatus.CONFLICT, "stale", c.file() + " was changed by someone else "
                                + "since you opened it (your version " + c.expectedVersion() + ", now " + current
                                + "). Reload it and make your change again.");
                    }
                }
                texts.put(c.file(), c.text());
            }
            LoadResult result;
            try {
                Files.createDirectories(scratch);
                result = folder.check(texts, scratch);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + scratch, e);
            }
            Set<String> changed = texts.keySet();
            List<ValidationProblem> warnings = result.problems().stream()
                    .filter(p -> !p.isError() && changed.contains(p.source().file())).toList();
            if (result.hasErrors()) {
                List<ValidationProblem> shown = new ArrayList<>(result.errors());
                shown.addAll(warnings);
                throw new InvalidDataException(shown, texts);
            }
            Map<String, String> versions = new LinkedHashMap<>();
            if (!dryRun) {
                for (Change c : changes) {
                    if (c.kind() == Kind.DELETE) {
                        folder.delete(c.file());
                    } else {
                        folder.write(c.file(), c.text());
                        versions.put(c.file(), TrainingDataFolder.version(c.text()));
                    }
                }
                LOG.atInfo().addKeyValue("user", who).addKeyValue("change", what)
                        .addKeyValue("files", changes.stream().map(c -> c.kind().name().toLowerCase(java.util.Locale.ROOT)
                                + " " + c.file()).collect(Collectors.joining(", ")))
                        .log("training data edited");
            }
            return new Outcome(!dryRun, versions, warnings);
        });
    }

    /** Problems as the API shows them; {@code path} names the field of the edited value the line belongs to. */
    static ArrayNode problems(List<ValidationProblem> problems, Map<String, String> texts) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        Map<String, YamlSource> parsed = new LinkedHashMap<>();
        for (ValidationProblem p : problems) {
            ObjectNode n = out.addObject()
                    .put("severity", p.isError() ? "error" : "warning")
                    .put("file", p.source().file())
                    .put("line", p.source().line())
                    .put("message", p.message())
                    .put("text", p.toString());
            String text = texts.get(p.source().file());
            if (text != null && p.source().line() > 0) {
                YamlSource src = parsed.computeIfAbsent(p.source().file(), f -> {
                    try {
                        return YamlSource.parse(text, Integer.MAX_VALUE);
                    } catch (YamlEditException e) {
                        return null;
                    }
                });
                if (src != null) {
                    String path = src.pathAt(p.source().line());
                    if (!path.isEmpty()) {
                        n.put("path", path);
                    }
                }
            }
        }
        return out;
    }

    /** The change set has validation errors; nothing was written. */
    public static final class InvalidDataException extends RuntimeException {

        private final transient List<ValidationProblem> problems;
        private final transient Map<String, String> texts;

        InvalidDataException(List<ValidationProblem> problems, Map<String, String> texts) {
            super(summary(problems), null, false, false);
            this.problems = List.copyOf(problems);
            this.texts = texts;
        }

        public ObjectNode body() {
            ObjectNode body = Json.MAPPER.createObjectNode().put("error", "invalid_data").put("message", getMessage());
            body.set("problems", problems(problems, texts));
            return body;
        }

        private static String summary(List<ValidationProblem> problems) {
            List<ValidationProblem> errors = problems.stream().filter(ValidationProblem::isError).toList();
            return "Not saved: " + errors.size() + (errors.size() == 1 ? " problem" : " problems") + " to fix first. "
                    + errors.stream().limit(3).map(ValidationProblem::toString).collect(Collectors.joining(" "))
                    + (errors.size() > 3 ? " ..." : "");
        }
    }
}
