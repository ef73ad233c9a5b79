package dev.chatbot.nlp.cli;

import dev.chatbot.nlp.data.InvalidTrainingDataException;
import dev.chatbot.nlp.data.LoadResult;
import dev.chatbot.nlp.data.TrainingData;
import dev.chatbot.nlp.data.TrainingDataValidator;
import dev.chatbot.nlp.data.ValidationProblem;
import dev.chatbot.nlp.embedding.MiniLmSentenceEncoder;
import dev.chatbot.nlp.embedding.SentenceEncoder;
import dev.chatbot.nlp.eval.NluEvaluator;
import dev.chatbot.nlp.eval.Report;
import dev.chatbot.nlp.pipeline.ModelManifest;
import dev.chatbot.nlp.pipeline.ModelStore;
import dev.chatbot.nlp.pipeline.ModelStoreException;
import dev.chatbot.nlp.pipeline.NluTrainer;
import dev.chatbot.nlp.pipeline.PipelineConfig;
import dev.chatbot.nlp.pipeline.PipelineConfigException;
import dev.chatbot.nlp.pipeline.StepRegistry;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The language layer's commands (contracts section 1), for the launcher's {@code ./chatbot train|evaluate|validate}:
 * <pre>
 * train    --data DIR --out MODEL_DIR [--pipeline FILE]
 * evaluate --train DIR --test DIR --out REPORT.json [--html REPORT.html] [--pipeline FILE]
 * validate --data DIR
 * </pre>
 * Exit codes: 0 success, 2 bad arguments or bad data (with a message on the error stream), 1 an unexpected
 * failure. {@code train} fails on any validation error; {@code evaluate} fails on errors that stop the data
 * from being read and reports the others as warnings, so that public benchmarks with small flaws (an
 * example under two intents) can still be measured.
 */
public final class NluCommands {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    private static final String USAGE = """
            usage:
              train    --data DIR --out MODEL_DIR [--pipeline FILE]
              evaluate --train DIR --test DIR --out REPORT.json [--html REPORT.html] [--pipeline FILE]
              validate --data DIR""";

    private final Supplier<StepRegistry> registry;
    private final Supplier<SentenceEncoder> encoder;
    private final Boolean terminal;

    /** Production wiring: trainers from the class path, the MiniLM encoder. */
    public NluCommands() {
        this(StepRegistry::discover, MiniLmSentenceEncoder::create, null);
    }

    /**
     * @param registry where the step trainers come from
     * @param encoder  creates the sentence encoder (only when a command trains)
     * @param terminal draw progress in place; {@code null} means "when a console is attached"
     */
    public NluCommands(Supplier<StepRegistry> registry, Supplier<SentenceEncoder> encoder, Boolean terminal) {
        this.registry = registry;
        this.encoder = encoder;
        this.terminal = terminal;
    }

    /** Runs a command without checking handler names. */
    public int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, null);
    }

    /**
     * Runs a command.
     *
     * @param knownHandlers handler names the dialogue layer has, for {@code validate} and {@code train};
     *                      {@code null} skips that check
     */
    public int run(String[] args, PrintStream out, PrintStream err, Set<String> knownHandlers) {
        if (args == null || args.length == 0) {
            err.println("missing command\n" + USAGE);
            return BAD_INPUT;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "train" -> train(new Arguments(rest, Set.of("data", "out", "pipeline")), out, err, knownHandlers);
                case "evaluate" -> evaluate(new Arguments(rest, Set.of("train", "test", "out", "html", "pipeline")),
                        out, err);
                case "validate" -> validate(new Arguments(rest, Set.of("data")), out, err, knownHandlers);
                case "help", "--help", "-h" -> {
                    out.println(USAGE);
                    yield OK;
                }
                default -> {
                    err.println("unknown command '" + args[0] + "'\n" + USAGE);
                    yield BAD_INPUT;
                }
            };
        } catch (UsageException e) {
            err.println(args[0] + ": " + e.getMessage() + "\n" + USAGE);
            return BAD_INPUT;
        } catch (InvalidTrainingDataException | PipelineConfigException e) {
            err.println(args[0] + ": " + e.getMessage());
            return BAD_INPUT;
        } catch (ModelStoreException e) {
            err.println(args[0] + ": " + e.getMessage());
            return BAD_INPUT;
        } catch (IOException e) {
            err.println(args[0] + ": " + e.getMessage());
            return FAILED;
        } catch (RuntimeException e) {
            err.println(args[0] + ": failed: " + e);
            return FAILED;
        }
    }

    private int validate(Arguments a, PrintStream out, PrintStream err, Set<String> handlers) throws UsageException {
        Path data = folder(a.required("data"), "--data");
        LoadResult r = new TrainingDataValidator(TrainingDataValidator.Options.DEFAULT.withKnownHandlers(handlers))
                .validate(data);
        r.problems().forEach(p -> (p.isError() ? err : out).println(p));
        long errors = r.errors().size();
        long warnings = r.problems().size() - errors;
        String counts = r.data().intents().size() + " intents, "
                + r.data().intents().stream().mapToInt(i -> i.examples().size()).sum() + " examples, "
                + r.data().entities().size() + " entity types, " + r.data().sentiment().size() + " sentiment examples, "
                + r.data().faq().size() + " FAQ entries, " + r.data().faqQueries().size() + " FAQ queries";
        if (errors > 0) {
            err.println(data + ": " + errors + (errors == 1 ? " error" : " errors") + ", " + warnings + " warnings");
            return BAD_INPUT;
        }
        out.println(data + ": valid (" + counts + "; " + warnings + " warnings)");
        return OK;
    }

    private int train(Arguments a, PrintStream out, PrintStream err, Set<String> handlers)
            throws UsageException, IOException {
        Path data = folder(a.required("data"), "--data");
        Path modelDir = Path.of(a.required("out"));
        PipelineConfig config = pipeline(a);
        StepRegistry steps = registry.get();
        config.check(steps);
        LoadResult r = new TrainingDataValidator(TrainingDataValidator.Options.DEFAULT.withKnownHandlers(handlers))
                .validate(data);
        r.problems().stream().filter(p -> !p.isError()).forEach(p -> err.println(p));
        if (r.hasErrors()) {
            throw new InvalidTrainingDataException("training data " + data, r.problems());
        }
        ConsoleProgress progress = progress(err);
        SentenceEncoder enc = encoder.get();
        try {
            ModelStore store = new ModelStore(modelDir);
            ModelManifest m = new NluTrainer(steps, enc).trainAndSave(r.data(), config, store, progress);
            store.activate(m.version());
            progress.finish();
            out.printf("trained model %s in %.1f s: %s (active)%n", m.version(), m.trainSeconds(),
                    store.folder(m.version()));
            return OK;
        } finally {
            close(enc);
        }
    }

    private int evaluate(Arguments a, PrintStream out, PrintStream err) throws UsageException, IOException {
        Path trainDir = folder(a.required("train"), "--train");
        Path testDir = folder(a.required("test"), "--test");
        Path report = Path.of(a.required("out"));
        Path html = a.optional("html").map(Path::of).orElse(null);
        PipelineConfig config = pipeline(a);
        StepRegistry steps = registry.get();
        config.check(steps);
        TrainingData train = lenient(trainDir, TrainingDataValidator.Options.DEFAULT, err);
        TrainingData test = lenient(testDir, TrainingDataValidator.Options.TEST_FOLDER, err);
        ConsoleProgress progress = progress(err);
        SentenceEncoder enc = encoder.get();
        try {
            Report result = new NluEvaluator(steps, enc, config).evaluate(train, test, progress);
            progress.finish();
            result.writeJson(report);
            out.println("wrote " + report);
            if (html != null) {
                result.writeHtml(html);
                out.println("wrote " + html);
            }
            result.summary().forEach((section, values) -> out.println(section + ": " + values));
            return OK;
        } finally {
            close(enc);
        }
    }

    /** Loads a folder; errors that stop reading fail, errors found across files are shown as warnings. */
    private static TrainingData lenient(Path dir, TrainingDataValidator.Options options, PrintStream err) {
        LoadResult read = new dev.chatbot.nlp.data.TrainingDataLoader().read(dir);
        if (read.hasErrors()) {
            throw new InvalidTrainingDataException("training data " + dir, read.problems());
        }
        List<ValidationProblem> more = new TrainingDataValidator(options).check(read.data());
        for (ValidationProblem p : more) {
            err.println(dir + "/" + p.source() + ": warning" + (p.isError() ? " (an error for validate)" : "") + ": "
                    + p.message());
        }
        return read.data();
    }

    private static PipelineConfig pipeline(Arguments a) {
        return a.optional("pipeline").map(p -> PipelineConfig.read(Path.of(p))).orElseGet(PipelineConfig::defaults);
    }

    private static Path folder(String value, String option) throws UsageException {
        Path p = Path.of(value);
        if (!Files.isDirectory(p)) {
            throw new UsageException(option + " " + value + " is not a folder");
        }
        return p;
    }

    private ConsoleProgress progress(PrintStream err) {
        boolean onTerminal = terminal != null ? terminal : System.console() != null && err == System.err;
        return new ConsoleProgress(err, onTerminal);
    }

    private static void close(SentenceEncoder enc) {
        if (enc instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing frees native memory; nothing to report at exit
            }
        }
    }

    /** For running the commands directly: {@code java -cp ... dev.chatbot.nlp.cli.NluCommands evaluate ...}. */
    public static void main(String[] args) {
        System.exit(new NluCommands().run(args, System.out, System.err));
    }
}
