package dev.chatbot.nlp.entity;

import dev.chatbot.nlp.data.EntityDefinition;
import dev.chatbot.nlp.data.EntitySpan;
import dev.chatbot.nlp.data.IntentDefinition;
import dev.chatbot.nlp.data.IntentExample;
import dev.chatbot.nlp.data.TrainingData;
import dev.chatbot.nlp.pipeline.NluStep;
import dev.chatbot.nlp.pipeline.StepContext;
import dev.chatbot.nlp.pipeline.StepTrainer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Step {@code entities}: builds the entity recognizer from {@code entities/} (regex and lookup finders), the
 * built-in rule finders and, when examples mark types that no deterministic finder covers, a learned OpenNLP
 * name finder trained from those marks.
 *
 * <p>Settings: {@code builtins} (comma-separated, default {@code email,amount,date,order_id}). When the data
 * marks entities but has no entity files (a data set converted from slot annotations), only the built-in
 * types it marks are active, so that it never reports a type it does not use; a bot with entity files, or
 * data without any marks, gets them all. The
 * order-id rule uses the patterns of {@code entities/order_id.yml} when there is one. Further settings: {@code day_first} (default true: {@code 03/04/2026} is 3 April),
 * {@code learned} (default true), {@code algorithm} (default {@code MAXENT}; {@code PERCEPTRON} is the other choice), {@code features}
 * (default {@code extended}: a wider word window, prefixes and suffixes; {@code default} is OpenNLP's own set),
 * {@code iterations} (default 60), {@code cutoff} (default 1) and
 * {@code min_probability} (default 0.0) for the learned finder, and {@code rule_agreement} (default 0.85): when
 * the data marks a built-in type and the built-in rule's spans agree with those marks below this F1 (the
 * data follows other span conventions), that type is left to the learned finder and the rule only
 * normalises the values of its mentions.
 */
public final class EntitiesStepTrainer implements StepTrainer {

    /** Used when the data mentions order ids but has no {@code entities/order_id.yml}. */
    public static final String DEFAULT_ORDER_ID_PATTERN =
            "(?<![\\w-])(?=[A-Za-z0-9-]{5,20}(?![\\w-]))(?=[A-Za-z-]*\\d)(?=[\\d-]*[A-Za-z])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![\\w-])"
                    + "|(?<=#)\\d{4,12}\\b";

    private final Clock clock;

    /** Dates resolve against the system clock in the default time zone. */
    public EntitiesStepTrainer() {
        this(Clock.systemDefaultZone());
    }

    public EntitiesStepTrainer(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "entities";
    }

    /** What a trained step needs to be rebuilt (everything but the learned model). */
    public record Saved(int formatVersion, List<String> builtins, boolean dayFirst, List<EntityDefinition> definitions,
                        List<String> orderIdPatterns, List<String> learnedTypes, double minProbability,
                        List<String> valueOnlyBuiltins) {
        public Saved {
            valueOnlyBuiltins = valueOnlyBuiltins == null ? List.of() : List.copyOf(valueOnlyBuiltins);
        }
    }

    @Override
    public NluStep train(TrainingData data, StepContext context) {
        List<String> builtins = Arrays.stream(context.setting("builtins", "email,amount,date,order_id").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        boolean dayFirst = Boolean.parseBoolean(context.setting("day_first", "true"));
        double minProbability = context.setting("min_probability", 0.0);

        Set<String> marked = new TreeSet<>();
        List<IntentExample> examples = new ArrayList<>();
        for (IntentDefinition i : data.intents()) {
            for (IntentExample e : i.examples()) {
                examples.add(e);
                e.entities().stream().map(EntitySpan::type).forEach(marked::add);
            }
        }
        if (!marked.isEmpty() && data.entities().isEmpty()) {
            // marks without entity files (a data set converted from slot annotations): the marks say which
            // types exist, so built-ins it never marks stay off instead of reporting types it does not use
            builtins = builtins.stream().filter(marked::contains).toList();
        }
        List<String> orderIdPatterns = List.of();
        Optional<EntityDefinition> orderFile = data.entities().stream().filter(d -> d.name().equals("order_id")).findFirst();
        if (builtins.contains("order_id")) {
            orderIdPatterns = orderFile.filter(d -> !d.patterns().isEmpty()).map(EntityDefinition::patterns)
                    .orElse(List.of(DEFAULT_ORDER_ID_PATTERN));
        }
        Saved partial = new Saved(1, builtins, dayFirst, data.entities(), orderIdPatterns, List.of(), minProbability,
                List.of());
        // a built-in rule that disagrees with how the data marks its type (other span conventions) would
        // only add errors: the learned finder finds that type, and the rule just normalises the values
        double minAgreement = context.setting("rule_agreement", 0.85);
        List<String> valueOnly = new ArrayList<>();
        for (EntityFinder f : builtinFinders(partial)) {
            String type = builtinType(f);
            if (marked.contains(type) && agreement(f, type, examples) < minAgreement) {
                valueOnly.add(type);
            }
        }
        partial = new Saved(1, builtins, dayFirst, data.entities(), orderIdPatterns, List.of(), minProbability, valueOnly);
        Set<String> deterministic = deterministicTypes(partial);
        Set<String> learnTypes = new TreeSet<>(marked);
        learnTypes.removeAll(deterministic);

        Optional<OpenNlpEntityFinder> learned = Optional.empty();
        if (Boolean.parseBoolean(context.setting("learned", "true")) && !learnTypes.isEmpty()) {
            context.progress().update("entities: training name finder", 0, -1);
            learned = OpenNlpEntityFinder.train(examples, learnTypes, context.setting("algorithm", "MAXENT"),
                    context.setting("features", "extended"),
                    context.setting("iterations", 60),
                    context.setting("cutoff", 1), minProbability);
        }
        Saved saved = new Saved(1, builtins, dayFirst, data.entities(), orderIdPatterns,
                learned.isPresent() ? List.copyOf(learnTypes) : List.of(), minProbability, valueOnly);
        return new EntitiesStep(recognizer(saved, learned), saved);
    }

    @Override
    public NluStep load(Path folder, StepContext context) throws IOException {
        Path file = folder.resolve(EntitiesStep.SETTINGS);
        if (!Files.isRegularFile(file)) {
            throw new IOException("missing " + file);
        }
        Saved saved = EntitiesStep.JSON.readValue(file.toFile(), Saved.class);
        if (saved.formatVersion() != 1) {
            throw new IOException(file + " has unsupported format " + saved.formatVersion());
        }
        Optional<OpenNlpEntityFinder> learned = Optional.empty();
        if (!saved.learnedTypes().isEmpty()) {
            Path model = folder.resolve(EntitiesStep.MODEL);
            if (!Files.isRegularFile(model)) {
                throw new IOException("missing " + model);
            }
            try (InputStream in = Files.newInputStream(model)) {
                learned = Optional.of(OpenNlpEntityFinder.load(in, saved.minProbability()));
            }
        }
        return new EntitiesStep(recognizer(saved, learned), saved);
    }

    private static Set<String> deterministicTypes(Saved saved) {
        Set<String> types = new LinkedHashSet<>();
        for (EntityDefinition d : saved.definitions()) {
            if (!d.patterns().isEmpty() || !d.values().isEmpty()) {
                types.add(d.name());
            }
        }
        for (String b : saved.builtins()) {
            if ((!b.equals("order_id") || !saved.orderIdPatterns().isEmpty()) && !saved.valueOnlyBuiltins().contains(b)) {
                types.add(b);
            }
        }
        return types;
    }

    /** The built-in rule finders a saved configuration enables (before the value-only ones are set aside). */
    private List<EntityFinder> builtinFinders(Saved saved) {
        List<EntityFinder> out = new ArrayList<>();
        if (saved.builtins().contains("email")) {
            out.add(new EmailFinder());
        }
        if (saved.builtins().contains("amount")) {
            out.add(new AmountFinder());
        }
        if (saved.builtins().contains("date")) {
            out.add(new DateFinder(clock, saved.dayFirst()));
        }
        if (!saved.orderIdPatterns().isEmpty()) {
            out.add(new RegexEntityFinder("order_id", saved.orderIdPatterns(), EntitiesStepTrainer::orderId, "rule"));
        }
        return out;
    }

    private static String builtinType(EntityFinder f) {
        if (f instanceof EmailFinder) {
            return "email";
        }
        if (f instanceof AmountFinder) {
            return "amount";
        }
        return f instanceof DateFinder ? "date" : "order_id";
    }

    /**
     * How well a rule finder's spans agree with the data's marks of its type: F1 of exact matches, where the
     * rule's mentions that touch no mark at all are left out (data sets often leave some mentions unmarked;
     * that is not a disagreement about where a mention starts and ends).
     */
    static double agreement(EntityFinder finder, String type, List<IntentExample> examples) {
        int gold = 0;
        int predicted = 0;
        int hit = 0;
        for (IntentExample e : examples) {
            List<EntitySpan> marks = e.entities().stream().filter(s -> s.type().equals(type)).toList();
            gold += marks.size();
            if (marks.isEmpty()) {
                continue;
            }
            for (dev.chatbot.nlp.EntityMention m : finder.find(e.text())) {
                boolean touches = marks.stream().anyMatch(s -> s.start() < m.end() && m.start() < s.end());
                if (touches) {
                    predicted++;
                    if (marks.stream().anyMatch(s -> s.start() == m.start() && s.end() == m.end())) {
                        hit++;
                    }
                }
            }
        }
        double p = predicted == 0 ? 0 : (double) hit / predicted;
        double r = gold == 0 ? 0 : (double) hit / gold;
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** The value a rule finder gives the whole covered text, or the text itself. */
    private static UnaryOperator<String> valueBy(EntityFinder finder) {
        return s -> finder.find(s).stream()
                .filter(m -> m.start() == 0 && m.end() == s.length())
                .map(dev.chatbot.nlp.EntityMention::value)
                .findFirst().orElse(s);
    }

    private OpenNlpEntityRecognizer recognizer(Saved saved, Optional<OpenNlpEntityFinder> learned) {
        List<EntityFinder> finders = new ArrayList<>();
        Map<String, UnaryOperator<String>> normalisers = new HashMap<>();
        for (EntityDefinition d : saved.definitions()) {
            LookupEntityFinder lookup = new LookupEntityFinder(d.name(), d.values());
            UnaryOperator<String> normaliser = normaliser(d.name(), lookup);
            normalisers.put(d.name(), normaliser);
            if (!d.values().isEmpty()) {
                finders.add(lookup);
            }
            if (!d.patterns().isEmpty() && !(d.name().equals("order_id") && saved.builtins().contains("order_id"))) {
                finders.add(new RegexEntityFinder(d.name(), d.patterns(), normaliser));
            }
        }
        for (EntityFinder f : builtinFinders(saved)) {
            String type = builtinType(f);
            if (saved.valueOnlyBuiltins().contains(type)) {
                normalisers.put(type, valueBy(f));
            } else {
                finders.add(f);
            }
        }
        normalisers.putIfAbsent("email", s -> s.toLowerCase(Locale.ROOT));
        normalisers.putIfAbsent("order_id", EntitiesStepTrainer::orderId);
        return new OpenNlpEntityRecognizer(finders, learned, normalisers);
    }

    private static UnaryOperator<String> normaliser(String type, LookupEntityFinder lookup) {
        if (type.equals("order_id")) {
            return EntitiesStepTrainer::orderId;
        }
        if (type.equals("email")) {
            return s -> s.toLowerCase(Locale.ROOT);
        }
        return s -> lookup.canonical(s).orElse(s);
    }

    /** Order ids are compared upper-case without surrounding spaces or a leading '#'. */
    static String orderId(String s) {
        String v = s.strip();
        if (v.startsWith("#")) {
            v = v.substring(1);
        }
        return v.toUpperCase(Locale.ROOT);
    }
}
