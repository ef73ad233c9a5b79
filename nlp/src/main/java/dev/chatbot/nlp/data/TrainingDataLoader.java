package dev.chatbot.nlp.data;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Reads a training-data folder (contracts section 2) into {@link TrainingData}, keeping the file and line of
 * every example, FAQ entry and query.
 *
 * <p>Only {@code intents/}, {@code entities/}, {@code sentiment/}, {@code faq/} and
 * {@code tests/faq-queries.yml} are read; anything else in the folder (build files, conversation tests,
 * other folders) is ignored. YAML is read through SnakeYAML's node API only: no objects are constructed
 * from tags, files are size-limited, aliases and nesting are bounded, so a hostile file cannot run code or
 * blow up memory. Problems are collected rather than thrown: {@link #read} returns what could be read with
 * every syntax and schema problem (unknown keys, wrong types, bad names, malformed entity marks);
 * {@link #load} throws when there is any error. Checks across files live in {@link TrainingDataValidator}.
 *
 * <p>Thread-safe; one instance can read many folders.
 */
public final class TrainingDataLoader {

    /** Symbolic links inside a training-data folder are refused, never followed. */
    static final String SYMLINK_REFUSED = "symbolic link refused: training data must be plain files inside the folder";

    /** Lowercase snake_case, the contract's form for every name. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(?:_[a-z0-9]+)*");

    /** The sentiment labels of the contract. */
    public static final Set<String> SENTIMENT_LABELS = Set.of("negative", "neutral", "positive");

    private static final Set<String> INTENT_KEYS =
            Set.of("version", "intent", "description", "examples", "replies", "handler", "escalate");
    private static final Set<String> ENTITY_KEYS = Set.of("version", "entity", "description", "patterns", "values");
    private static final Set<String> VALUE_KEYS = Set.of("value", "synonyms");
    private static final Set<String> SENTIMENT_KEYS = Set.of("version", "label", "examples");
    private static final Set<String> FAQ_KEYS = Set.of("version", "topic", "description", "entries");
    private static final Set<String> ENTRY_KEYS = Set.of("id", "question", "alternatives", "answer", "tags");
    private static final Set<String> QUERIES_KEYS = Set.of("version", "queries");
    private static final Set<String> QUERY_KEYS = Set.of("text", "relevant");
    private static final Set<String> PLAIN_TAGS = Set.of(Tag.STR.getValue(), Tag.INT.getValue(),
            Tag.FLOAT.getValue(), Tag.BOOL.getValue(), Tag.NULL.getValue(), Tag.TIMESTAMP.getValue());
    private static final Pattern FAQ_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/-]*");

    /**
     * Safety limits for reading untrusted folders.
     *
     * @param maxFileBytes largest YAML file read
     * @param maxFiles     most YAML files read from one folder
     * @param maxAliases   most aliases per file (YAML bombs use many)
     * @param maxNesting   deepest nesting of collections
     * @param maxTextChars longest example, question or answer
     */
    public record Limits(long maxFileBytes, int maxFiles, int maxAliases, int maxNesting, int maxTextChars) {
        public static final Limits DEFAULT = new Limits(16L << 20, 20_000, 20, 16, 20_000);
    }

    private final Limits limits;

    public TrainingDataLoader() {
        this(Limits.DEFAULT);
    }

    public TrainingDataLoader(Limits limits) {
        this.limits = limits;
    }

    /** Loads a folder, failing with every error (file:line) when there is any. */
    public TrainingData load(Path root) {
        LoadResult result = read(root);
        if (result.hasErrors()) {
            throw new InvalidTrainingDataException("training data " + root, result.problems());
        }
        return result.data();
    }

    /** Reads a folder as far as possible; never throws for bad data. */
    public LoadResult read(Path root) {
        List<ValidationProblem> problems = new ArrayList<>();
        SourceRef rootRef = new SourceRef(root.toString(), 0);
        if (!Files.isDirectory(root)) {
            problems.add(ValidationProblem.error(rootRef, "not a folder: " + root));
            return new LoadResult(empty(root), problems);
        }
        boolean any = Stream.of("intents", "entities", "sentiment", "faq", "tests/faq-queries.yml")
                .anyMatch(p -> Files.exists(root.resolve(p)));
        if (!any) {
            problems.add(ValidationProblem.error(rootRef,
                    "no training data here: expected intents/, sentiment/, faq/ or tests/faq-queries.yml"));
            return new LoadResult(empty(root), problems);
        }
        int[] budget = {limits.maxFiles()};
        List<IntentDefinition> intents = new ArrayList<>();
        for (Path f : yamlFiles(root, "intents", true, problems, budget)) {
            readIntent(root, f, problems).ifPresent(intents::add);
        }
        List<EntityDefinition> entities = new ArrayList<>();
        for (Path f : yamlFiles(root, "entities", false, problems, budget)) {
            readEntity(root, f, problems).ifPresent(entities::add);
        }
        List<SentimentExample> sentiment = new ArrayList<>();
        for (Path f : yamlFiles(root, "sentiment", false, problems, budget)) {
            sentiment.addAll(readSentiment(root, f, problems));
        }
        List<FaqEntry> faq = new ArrayList<>();
        for (Path f : yamlFiles(root, "faq", true, problems, budget)) {
            faq.addAll(readFaq(root, f, problems));
        }
        List<FaqQuery> queries = new ArrayList<>();
        Path qf = root.resolve("tests").resolve("faq-queries.yml");
        if (Files.isSymbolicLink(root.resolve("tests")) || Files.isSymbolicLink(qf)) {
            problems.add(ValidationProblem.error(ref(root, qf, 0), SYMLINK_REFUSED));
        } else if (Files.isRegularFile(qf)) {
            queries.addAll(readQueries(root, qf, problems));
        }
        intents.sort(Comparator.comparing(IntentDefinition::name));
        entities.sort(Comparator.comparing(EntityDefinition::name));
        TrainingData data = new TrainingData(Optional.of(root), intents, entities, sentiment, faq, queries);
        return new LoadResult(data, problems);
    }

    private static TrainingData empty(Path root) {
        return new TrainingData(Optional.of(root), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    // ---------------------------------------------------------------- files

    private List<Path> yamlFiles(Path root, String folder, boolean recursive, List<ValidationProblem> problems,
                                 int[] budget) {
        Path dir = root.resolve(folder);
        if (Files.isSymbolicLink(dir)) {
            problems.add(ValidationProblem.error(new SourceRef(folder, 0), SYMLINK_REFUSED));
            return List.of();
        }
        if (!Files.isDirectory(dir)) {
            if (Files.exists(dir)) {
                problems.add(ValidationProblem.error(new SourceRef(folder, 0), folder + " must be a folder"));
            }
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = recursive ? Files.walk(dir) : Files.list(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (Files.isSymbolicLink(p)) {
                    // a link could point anywhere (a key file, /dev/zero); the folder must hold its own files
                    problems.add(ValidationProblem.error(ref(root, p, 0), SYMLINK_REFUSED));
                    continue;
                }
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (!(name.endsWith(".yml") || name.endsWith(".yaml"))) {
                    problems.add(ValidationProblem.warning(ref(root, p, 0), "ignored: not a .yml file"));
                    continue;
                }
                if (budget[0]-- <= 0) {
                    problems.add(ValidationProblem.error(ref(root, p, 0),
                            "too many files: more than " + limits.maxFiles() + " YAML files in one folder"));
                    return files;
                }
                files.add(p);
            }
        } catch (IOException e) {
            problems.add(ValidationProblem.error(new SourceRef(folder, 0), "cannot list " + folder + ": " + e.getMessage()));
        }
        return files;
    }

    private static SourceRef ref(Path root, Path file, int line) {
        return new SourceRef(root.relativize(file).toString().replace('\\', '/'), line);
    }

    /** Parses one file into its root mapping, or reports why it cannot. */
    private Optional<Doc> parse(Path root, Path file, List<ValidationProblem> problems) {
        SourceRef fileRef = ref(root, file, 0);
        String text;
        try {
            long size = Files.size(file);
            if (size > limits.maxFileBytes()) {
                problems.add(ValidationProblem.error(fileRef,
                        "file too large: " + size + " bytes (limit " + limits.maxFileBytes() + ")"));
                return Optional.empty();
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) limits.maxFileBytes() + 1);
            }
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add(ValidationProblem.error(fileRef, "not valid UTF-8"));
            return Optional.empty();
        } catch (IOException e) {
            problems.add(ValidationProblem.error(fileRef, "cannot read: " + e.getMessage()));
            return Optional.empty();
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(limits.maxAliases());
        options.setNestingDepthLimit(limits.maxNesting());
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()));
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        Node node;
        try {
            Composer composer = new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options),
                    new Resolver(), options);
            node = composer.getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark != null ? mark.getLine() + 1 : 0;
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            problems.add(ValidationProblem.error(ref(root, file, line), "YAML syntax error: " + oneLine(what)));
            return Optional.empty();
        } catch (YAMLException e) {
            problems.add(ValidationProblem.error(fileRef, "YAML error: " + oneLine(e.getMessage())));
            return Optional.empty();
        } catch (RuntimeException e) {
            problems.add(ValidationProblem.error(fileRef, "cannot parse YAML: " + oneLine(String.valueOf(e.getMessage()))));
            return Optional.empty();
        }
        if (node == null) {
            problems.add(ValidationProblem.error(fileRef, "empty file (expected 'version: 1' and the content)"));
            return Optional.empty();
        }
        Doc doc = new Doc(root, file, problems);
        return doc.root(node) ? Optional.of(doc) : Optional.empty();
    }

    private static String oneLine(String s) {
        String t = s == null ? "" : s.strip().replaceAll("\\s+", " ");
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }

    // ---------------------------------------------------------------- intents

    private Optional<IntentDefinition> readIntent(Path root, Path file, List<ValidationProblem> problems) {
        Optional<Doc> parsed = parse(root, file, problems);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Doc d = parsed.get();
        d.keys(INTENT_KEYS);
        Optional<String> name = d.name("intent", "intent name");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String description = d.text(d.get("description"), "description").orElse("");
        List<IntentExample> examples = new ArrayList<>();
        for (Node n : d.seq(d.get("examples"), "examples")) {
            d.text(n, "an example").ifPresent(raw -> {
                EntityMarks.Parsed p = EntityMarks.parse(raw.strip());
                if (p.error().isPresent()) {
                    d.error(n, "malformed entity mark: " + p.error().get());
                } else if (p.text().isBlank()) {
                    d.error(n, "empty example");
                } else {
                    examples.add(new IntentExample(p.text(), p.spans(), d.ref(n)));
                }
            });
        }
        if (d.get("examples") == null) {
            d.error(d.rootNode, "missing key 'examples'");
        }
        List<String> replies = new ArrayList<>();
        for (Node n : d.seq(d.get("replies"), "replies")) {
            d.text(n, "a reply").ifPresent(replies::add);
        }
        Optional<String> handler = Optional.empty();
        Node h = d.get("handler");
        if (h != null) {
            handler = d.text(h, "handler");
            handler.filter(v -> !NAME.matcher(v).matches())
                    .ifPresent(v -> d.error(h, "handler '" + v + "' is not lowercase snake_case"));
        }
        boolean escalate = d.bool(d.get("escalate"), "escalate").orElse(false);
        return Optional.of(new IntentDefinition(name.get(), description, examples, replies, handler, escalate,
                d.ref(d.get("intent"))));
    }

    // ---------------------------------------------------------------- entities

    private Optional<EntityDefinition> readEntity(Path root, Path file, List<ValidationProblem> problems) {
        Optional<Doc> parsed = parse(root, file, problems);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Doc d = parsed.get();
        d.keys(ENTITY_KEYS);
        Optional<String> name = d.name("entity", "entity name");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        List<String> patterns = new ArrayList<>();
        for (Node n : d.seq(d.get("patterns"), "patterns")) {
            d.text(n, "a pattern").ifPresent(p -> {
                try {
                    Pattern.compile(p);
                    patterns.add(p);
                } catch (PatternSyntaxException e) {
                    d.error(n, "invalid regular expression: " + oneLine(e.getDescription()) + " near index " + e.getIndex());
                }
            });
        }
        List<EntityDefinition.LookupValue> values = new ArrayList<>();
        for (Node n : d.seq(d.get("values"), "values")) {
            if (n instanceof ScalarNode) {
                d.text(n, "a value").ifPresent(v -> values.add(new EntityDefinition.LookupValue(v, List.of())));
            } else if (n instanceof MappingNode m) {
                Map<String, NodeTuple> map = d.mapping(m, VALUE_KEYS, "a value");
                Optional<String> value = map.containsKey("value")
                        ? d.text(map.get("value").getValueNode(), "value") : Optional.empty();
                if (!map.containsKey("value")) {
                    d.error(n, "missing key 'value'");
                }
                List<String> synonyms = new ArrayList<>();
                if (map.containsKey("synonyms")) {
                    for (Node s : d.seq(map.get("synonyms").getValueNode(), "synonyms")) {
                        d.text(s, "a synonym").ifPresent(synonyms::add);
                    }
                }
                value.ifPresent(v -> values.add(new EntityDefinition.LookupValue(v, synonyms)));
            } else {
                d.error(n, "a value must be text or a mapping with 'value' and 'synonyms'");
            }
        }
        if (d.get("patterns") == null && d.get("values") == null) {
            d.warning(d.rootNode, "entity '" + name.get() + "' has neither 'patterns' nor 'values'");
        }
        return Optional.of(new EntityDefinition(name.get(), patterns, values, d.ref(d.get("entity"))));
    }

    // ---------------------------------------------------------------- sentiment

    private List<SentimentExample> readSentiment(Path root, Path file, List<ValidationProblem> problems) {
        Optional<Doc> parsed = parse(root, file, problems);
        if (parsed.isEmpty()) {
            return List.of();
        }
        Doc d = parsed.get();
        d.keys(SENTIMENT_KEYS);
        Optional<String> label = d.name("label", "sentiment label");
        if (label.isEmpty()) {
            return List.of();
        }
        if (!SENTIMENT_LABELS.contains(label.get())) {
            d.error(d.get("label"), "sentiment label must be negative, neutral or positive, not '" + label.get() + "'");
            return List.of();
        }
        if (d.get("examples") == null) {
            d.error(d.rootNode, "missing key 'examples'");
        }
        List<SentimentExample> out = new ArrayList<>();
        for (Node n : d.seq(d.get("examples"), "examples")) {
            d.text(n, "an example").map(String::strip).ifPresent(t -> {
                if (t.isEmpty()) {
                    d.error(n, "empty example");
                } else {
                    out.add(new SentimentExample(t, label.get(), d.ref(n)));
                }
            });
        }
        return out;
    }

    // ---------------------------------------------------------------- faq

    private List<FaqEntry> readFaq(Path root, Path file, List<ValidationProblem> problems) {
        Optional<Doc> parsed = parse(root, file, problems);
        if (parsed.isEmpty()) {
            return List.of();
        }
        Doc d = parsed.get();
        d.keys(FAQ_KEYS);
        Optional<String> topic = d.name("topic", "topic");
        if (topic.isEmpty()) {
            return List.of();
        }
        if (d.get("entries") == null) {
            d.error(d.rootNode, "missing key 'entries'");
        }
        List<FaqEntry> out = new ArrayList<>();
        for (Node n : d.seq(d.get("entries"), "entries")) {
            if (!(n instanceof MappingNode m)) {
                d.error(n, "an entry must be a mapping with id, question and answer");
                continue;
            }
            Map<String, NodeTuple> map = d.mapping(m, ENTRY_KEYS, "an entry");
            Optional<String> id = d.required(map, n, "id");
            id.filter(v -> !FAQ_ID.matcher(v).matches()).ifPresent(v -> d.error(map.get("id").getValueNode(),
                    "FAQ id '" + v + "' must be letters, digits, '-', '_', '.', ':' or '/' without spaces"));
            Optional<String> question = d.required(map, n, "question");
            Optional<String> answer = d.required(map, n, "answer");
            List<String> alternatives = new ArrayList<>();
            if (map.containsKey("alternatives")) {
                for (Node a : d.seq(map.get("alternatives").getValueNode(), "alternatives")) {
                    d.text(a, "an alternative").map(String::strip).filter(s -> !s.isEmpty()).ifPresent(alternatives::add);
                }
            }
            List<String> tags = new ArrayList<>();
            if (map.containsKey("tags")) {
                for (Node a : d.seq(map.get("tags").getValueNode(), "tags")) {
                    d.text(a, "a tag").ifPresent(tags::add);
                }
            }
            if (id.isPresent() && question.isPresent() && answer.isPresent()
                    && FAQ_ID.matcher(id.get()).matches()) {
                out.add(new FaqEntry(id.get(), topic.get(), question.get().strip(), alternatives,
                        answer.get().strip(), tags, d.ref(n)));
            }
        }
        return out;
    }

    private List<FaqQuery> readQueries(Path root, Path file, List<ValidationProblem> problems) {
        Optional<Doc> parsed = parse(root, file, problems);
        if (parsed.isEmpty()) {
            return List.of();
        }
        Doc d = parsed.get();
        d.keys(QUERIES_KEYS);
        d.version();
        if (d.get("queries") == null) {
            d.error(d.rootNode, "missing key 'queries'");
        }
        List<FaqQuery> out = new ArrayList<>();
        for (Node n : d.seq(d.get("queries"), "queries")) {
            if (!(n instanceof MappingNode m)) {
                d.error(n, "a query must be a mapping with 'text' and 'relevant'");
                continue;
            }
            Map<String, NodeTuple> map = d.mapping(m, QUERY_KEYS, "a query");
            Optional<String> text = d.required(map, n, "text");
            List<String> relevant = new ArrayList<>();
            if (!map.containsKey("relevant")) {
                d.error(n, "missing key 'relevant'");
            } else {
                Node r = map.get("relevant").getValueNode();
                if (r instanceof ScalarNode) {
                    d.text(r, "relevant").ifPresent(relevant::add);
                } else {
                    for (Node a : d.seq(r, "relevant")) {
                        d.text(a, "an entry id").ifPresent(relevant::add);
                    }
                }
                if (relevant.isEmpty()) {
                    d.error(r, "'relevant' must name at least one FAQ entry id");
                }
            }
            text.map(String::strip).filter(t -> !t.isEmpty() && !relevant.isEmpty())
                    .ifPresent(t -> out.add(new FaqQuery(t, relevant, d.ref(n))));
        }
        return out;
    }

    // ---------------------------------------------------------------- node helpers

    /** One parsed file and the problems found in it. */
    private final class Doc {
        final Path root;
        final Path file;
        final List<ValidationProblem> problems;
        MappingNode rootNode;
        Map<String, NodeTuple> top = Map.of();

        Doc(Path root, Path file, List<ValidationProblem> problems) {
            this.root = root;
            this.file = file;
            this.problems = problems;
        }

        boolean root(Node node) {
            if (!(node instanceof MappingNode m)) {
                error(node, "the file must be a mapping of keys (version: 1, ...), not " + kind(node));
                return false;
            }
            rootNode = m;
            top = mapping(m, null, "the file");
            return true;
        }

        Node get(String key) {
            NodeTuple t = top.get(key);
            return t == null ? null : t.getValueNode();
        }

        /** Reports unknown top-level keys and checks the version. */
        void keys(Set<String> allowed) {
            for (NodeTuple t : top.values()) {
                String k = ((ScalarNode) t.getKeyNode()).getValue();
                if (!allowed.contains(k)) {
                    error(t.getKeyNode(), "unknown key '" + k + "' (allowed: " + sorted(allowed) + ")");
                }
            }
            version();
        }

        void version() {
            Node v = get("version");
            if (v == null) {
                error(rootNode, "missing key 'version' (must be 1)");
            } else if (!(v instanceof ScalarNode s) || !"1".equals(s.getValue().strip())) {
                error(v, "unsupported version " + (v instanceof ScalarNode s2 ? "'" + s2.getValue() + "'" : kind(v))
                        + " (must be 1)");
            }
        }

        /** A required snake_case name that must match the file name. */
        Optional<String> name(String key, String what) {
            Node n = get(key);
            if (n == null) {
                error(rootNode, "missing key '" + key + "'");
                return Optional.empty();
            }
            Optional<String> v = text(n, what).map(String::strip);
            if (v.isEmpty()) {
                return v;
            }
            if (!NAME.matcher(v.get()).matches()) {
                error(n, what + " '" + v.get() + "' is not lowercase snake_case (like order_status)");
            }
            String fileName = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            if (!fileName.equals(v.get())) {
                error(n, what + " '" + v.get() + "' does not match the file name '" + file.getFileName() + "'");
            }
            return v;
        }

        Map<String, NodeTuple> mapping(MappingNode m, Set<String> allowed, String what) {
            Map<String, NodeTuple> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                Node k = t.getKeyNode();
                if (!(k instanceof ScalarNode ks) || !plain(k)) {
                    error(k, "keys must be plain text in " + what);
                    continue;
                }
                String key = ks.getValue();
                if (out.containsKey(key)) {
                    error(k, "duplicate key '" + key + "'");
                    continue;
                }
                if (allowed != null && !allowed.contains(key)) {
                    error(k, "unknown key '" + key + "' in " + what + " (allowed: " + sorted(allowed) + ")");
                    continue;
                }
                out.put(key, t);
            }
            return out;
        }

        Optional<String> required(Map<String, NodeTuple> map, Node owner, String key) {
            if (!map.containsKey(key)) {
                error(owner, "missing key '" + key + "'");
                return Optional.empty();
            }
            Optional<String> v = text(map.get(key).getValueNode(), key);
            if (v.isPresent() && v.get().isBlank()) {
                error(map.get(key).getValueNode(), "'" + key + "' is empty");
                return Optional.empty();
            }
            return v;
        }

        Optional<String> text(Node n, String what) {
            if (n == null) {
                return Optional.empty();
            }
            if (!(n instanceof ScalarNode s)) {
                error(n, what + " must be text, not " + kind(n));
                return Optional.empty();
            }
            if (!plain(n)) {
                error(n, "YAML tag '" + n.getTag().getValue() + "' is not allowed");
                return Optional.empty();
            }
            if (n.getTag().equals(Tag.NULL) && (s.getValue().isEmpty() || s.getValue().equals("~"))) {
                error(n, what + " is empty");
                return Optional.empty();
            }
            String v = s.getValue();
            if (v.length() > limits.maxTextChars()) {
                error(n, what + " is too long: " + v.length() + " characters (limit " + limits.maxTextChars() + ")");
                return Optional.empty();
            }
            return Optional.of(v);
        }

        Optional<Boolean> bool(Node n, String what) {
            if (n == null) {
                return Optional.empty();
            }
            if (n instanceof ScalarNode s && n.getTag().equals(Tag.BOOL)) {
                String v = s.getValue().toLowerCase(Locale.ROOT);
                return Optional.of(v.equals("true") || v.equals("yes") || v.equals("on") || v.equals("y"));
            }
            error(n, what + " must be true or false");
            return Optional.empty();
        }

        List<Node> seq(Node n, String what) {
            if (n == null) {
                return List.of();
            }
            if (n instanceof SequenceNode s && n.getTag().equals(Tag.SEQ)) {
                return s.getValue();
            }
            if (n instanceof ScalarNode s && n.getTag().equals(Tag.NULL) && s.getValue().isEmpty()) {
                return List.of();
            }
            error(n, what + " must be a list, not " + kind(n));
            return List.of();
        }

        boolean plain(Node n) {
            return PLAIN_TAGS.contains(n.getTag().getValue());
        }

        SourceRef ref(Node n) {
            return TrainingDataLoader.ref(root, file, n == null ? 0 : n.getStartMark().getLine() + 1);
        }

        void error(Node n, String message) {
            problems.add(ValidationProblem.error(ref(n), message));
        }

        void warning(Node n, String message) {
            problems.add(ValidationProblem.warning(ref(n), message));
        }

        private String kind(Node n) {
            if (n instanceof MappingNode) {
                return "a mapping";
            }
            if (n instanceof SequenceNode) {
                return "a list";
            }
            return "'" + oneLine(((ScalarNode) n).getValue()) + "'";
        }
    }

    private static String sorted(Set<String> keys) {
        return String.join(", ", keys.stream().sorted().toList());
    }
}
