package dev.chatbot.nlp.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a training-data folder and reports every problem with file and line: everything the
 * {@link TrainingDataLoader} finds (syntax, schema, names, marks) plus the checks that look across files:
 * duplicate intent names, the same example in two intents or twice in one, duplicate FAQ ids, unknown
 * entity types in marks, unknown handlers, intents with too few examples, {@code out_of_scope} with a
 * handler or replies, the same sentiment example under two labels, and FAQ queries that name unknown ids.
 *
 * <p>Only {@link ValidationProblem.Severity#ERROR errors} fail; warnings are advice.
 */
public final class TrainingDataValidator {

    /** Entity types the recognizer finds without an entity file. */
    public static final Set<String> BUILT_IN_ENTITY_TYPES = Set.of("email", "amount", "date", "order_id");

    /**
     * What to check.
     *
     * @param knownHandlers  handler names the dialogue layer has; {@code null} means "don't check handlers"
     * @param minExamples    fewer examples than this is an error (0 turns the check off)
     * @param warnExamples   fewer examples than this is a warning
     * @param builtInTypes   entity types that need no entity file
     */
    public record Options(Set<String> knownHandlers, int minExamples, int warnExamples, Set<String> builtInTypes) {

        public static final Options DEFAULT = new Options(null, 2, 5, BUILT_IN_ENTITY_TYPES);

        /** For test folders: a held-out set may have a single example of an intent. */
        public static final Options TEST_FOLDER = new Options(null, 0, 0, BUILT_IN_ENTITY_TYPES);

        public Options {
            knownHandlers = knownHandlers == null ? null : Set.copyOf(knownHandlers);
            builtInTypes = Set.copyOf(builtInTypes);
        }

        public Options withKnownHandlers(Set<String> handlers) {
            return new Options(handlers, minExamples, warnExamples, builtInTypes);
        }
    }

    private final TrainingDataLoader loader;
    private final Options options;

    public TrainingDataValidator() {
        this(new TrainingDataLoader(), Options.DEFAULT);
    }

    public TrainingDataValidator(Options options) {
        this(new TrainingDataLoader(), options);
    }

    public TrainingDataValidator(TrainingDataLoader loader, Options options) {
        this.loader = loader;
        this.options = options;
    }

    /** Reads and checks a folder; the result holds the data and every problem, in file order. */
    public LoadResult validate(Path root) {
        LoadResult read = loader.read(root);
        List<ValidationProblem> all = new ArrayList<>(read.problems());
        all.addAll(check(read.data()));
        all.sort(java.util.Comparator.comparing((ValidationProblem p) -> p.source().file())
                .thenComparingInt(p -> p.source().line()));
        return new LoadResult(read.data(), all);
    }

    /** Reads and checks a folder and returns the data, or throws listing every error. */
    public TrainingData load(Path root) {
        LoadResult r = validate(root);
        if (r.hasErrors()) {
            throw new InvalidTrainingDataException("training data " + root, r.problems());
        }
        return r.data();
    }

    /** The checks across files, on data already in memory. */
    public List<ValidationProblem> check(TrainingData data) {
        List<ValidationProblem> out = new ArrayList<>();
        checkIntents(data, out);
        checkEntityTypes(data, out);
        checkSentiment(data, out);
        checkFaq(data, out);
        return out;
    }

    private void checkIntents(TrainingData data, List<ValidationProblem> out) {
        Map<String, IntentDefinition> byName = new HashMap<>();
        Map<String, IntentExample> firstSeen = new HashMap<>();
        Map<String, String> ownerOf = new HashMap<>();
        for (IntentDefinition intent : data.intents()) {
            IntentDefinition other = byName.putIfAbsent(intent.name(), intent);
            if (other != null) {
                out.add(ValidationProblem.error(intent.source(),
                        "duplicate intent '" + intent.name() + "' (also defined in " + other.source() + ")"));
            }
            int n = intent.examples().size();
            if (n < options.minExamples()) {
                out.add(ValidationProblem.error(intent.source(), "intent '" + intent.name() + "' has " + n
                        + (n == 1 ? " example" : " examples") + "; at least " + options.minExamples() + " are needed"));
            } else if (n < options.warnExamples()) {
                out.add(ValidationProblem.warning(intent.source(), "intent '" + intent.name() + "' has only " + n
                        + " examples; " + options.warnExamples() + " or more give a better model"));
            }
            if (intent.name().equals("out_of_scope")) {
                if (intent.handler().isPresent()) {
                    out.add(ValidationProblem.error(intent.source(),
                            "out_of_scope cannot have a handler: it means none of the bot's intents"));
                }
                if (!intent.replies().isEmpty()) {
                    out.add(ValidationProblem.error(intent.source(),
                            "out_of_scope cannot have replies: the dialogue layer answers out-of-scope messages"));
                }
            }
            if (options.knownHandlers() != null && intent.handler().isPresent()
                    && !options.knownHandlers().contains(intent.handler().get())) {
                out.add(ValidationProblem.error(intent.source(), "unknown handler '" + intent.handler().get()
                        + "' (known: " + String.join(", ", options.knownHandlers().stream().sorted().toList()) + ")"));
            }
            for (IntentExample ex : intent.examples()) {
                String key = normalise(ex.text());
                IntentExample prev = firstSeen.putIfAbsent(key, ex);
                if (prev == null) {
                    ownerOf.put(key, intent.name());
                } else if (ownerOf.get(key).equals(intent.name())) {
                    out.add(ValidationProblem.warning(ex.source(), "duplicate example '" + ex.text()
                            + "' in intent '" + intent.name() + "' (first at " + prev.source() + ")"));
                } else {
                    out.add(ValidationProblem.error(ex.source(), "example '" + ex.text() + "' is in intent '"
                            + intent.name() + "' and in intent '" + ownerOf.get(key) + "' (" + prev.source() + ")"));
                }
            }
        }
    }

    private void checkEntityTypes(TrainingData data, List<ValidationProblem> out) {
        Set<String> defined = new HashSet<>();
        for (EntityDefinition e : data.entities()) {
            if (!defined.add(e.name())) {
                out.add(ValidationProblem.error(e.source(), "duplicate entity '" + e.name() + "'"));
            }
        }
        boolean closed = !data.entities().isEmpty();
        Set<String> reported = new HashSet<>();
        for (IntentDefinition intent : data.intents()) {
            for (IntentExample ex : intent.examples()) {
                for (EntitySpan s : ex.entities()) {
                    if (!TrainingDataLoader.NAME.matcher(s.type()).matches()) {
                        out.add(ValidationProblem.error(ex.source(),
                                "entity type '" + s.type() + "' is not lowercase snake_case"));
                    } else if (closed && !defined.contains(s.type()) && !options.builtInTypes().contains(s.type())
                            && reported.add(s.type() + "@" + ex.source())) {
                        out.add(ValidationProblem.error(ex.source(), "unknown entity type '" + s.type()
                                + "': define it in entities/" + s.type() + ".yml or use a built-in type ("
                                + String.join(", ", options.builtInTypes().stream().sorted().toList()) + ")"));
                    }
                }
            }
        }
    }

    private void checkSentiment(TrainingData data, List<ValidationProblem> out) {
        Map<String, SentimentExample> seen = new HashMap<>();
        for (SentimentExample ex : data.sentiment()) {
            SentimentExample prev = seen.putIfAbsent(normalise(ex.text()), ex);
            if (prev == null) {
                continue;
            }
            if (prev.label().equals(ex.label())) {
                out.add(ValidationProblem.warning(ex.source(), "duplicate sentiment example (first at " + prev.source() + ")"));
            } else {
                out.add(ValidationProblem.error(ex.source(), "sentiment example is labelled '" + ex.label()
                        + "' here and '" + prev.label() + "' at " + prev.source()));
            }
        }
    }

    private void checkFaq(TrainingData data, List<ValidationProblem> out) {
        Map<String, FaqEntry> ids = new LinkedHashMap<>();
        for (FaqEntry e : data.faq()) {
            FaqEntry prev = ids.putIfAbsent(e.id(), e);
            if (prev != null) {
                out.add(ValidationProblem.error(e.source(),
                        "duplicate FAQ id '" + e.id() + "' (also at " + prev.source() + ")"));
            }
        }
        if (data.faq().isEmpty()) {
            return;
        }
        for (FaqQuery q : data.faqQueries()) {
            for (String id : q.relevant()) {
                if (!ids.containsKey(id)) {
                    out.add(ValidationProblem.error(q.source(), "FAQ query names unknown entry id '" + id + "'"));
                }
            }
        }
    }

    /** Two examples are "the same" when they differ only in case and spacing. */
    static String normalise(String text) {
        return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
