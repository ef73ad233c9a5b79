package dev.chatbot.nlp.bench;

import dev.chatbot.nlp.data.FaqEntry;
import dev.chatbot.nlp.data.FaqQuery;
import dev.chatbot.nlp.data.IntentDefinition;
import dev.chatbot.nlp.data.IntentExample;
import dev.chatbot.nlp.data.SentimentExample;
import dev.chatbot.nlp.data.SourceRef;
import dev.chatbot.nlp.data.TrainingData;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A throwaway reader of training-data folders for the dev-benchmark harnesses, used until the real
 * loader of the {@code data} package is merged. Reads intents (marks stripped), sentiment, FAQ and FAQ
 * queries; no validation.
 */
public final class BenchmarkFolders {

    private static final Pattern MARK = Pattern.compile("\\[([^\\]]*)\\]\\(([^)]*)\\)");

    private BenchmarkFolders() {
    }

    public static Path devBenchmarks() {
        for (Path p : List.of(Path.of("/work/shared/dev-benchmarks"), Path.of("../../shared/dev-benchmarks"),
                Path.of("../shared/dev-benchmarks"))) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        String env = System.getenv("CHATBOT_DEV_BENCHMARKS");
        if (env != null) {
            return Path.of(env);
        }
        throw new IllegalStateException("dev-benchmarks folder not found; set CHATBOT_DEV_BENCHMARKS");
    }

    @SuppressWarnings("unchecked")
    public static TrainingData read(Path root) throws IOException {
        Yaml yaml = new Yaml();
        List<IntentDefinition> intents = new ArrayList<>();
        Path intentDir = root.resolve("intents");
        if (Files.isDirectory(intentDir)) {
            try (Stream<Path> files = Files.walk(intentDir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                    Map<String, Object> doc = load(yaml, f);
                    List<IntentExample> examples = new ArrayList<>();
                    for (Object o : (List<Object>) doc.getOrDefault("examples", List.of())) {
                        examples.add(new IntentExample(strip(String.valueOf(o)), List.of(),
                                new SourceRef(root.relativize(f).toString(), 0)));
                    }
                    intents.add(new IntentDefinition((String) doc.get("intent"), null, examples, List.of(),
                            Optional.empty(), false, new SourceRef(root.relativize(f).toString(), 1)));
                }
            }
        }
        intents.sort(Comparator.comparing(IntentDefinition::name));
        List<SentimentExample> sentiment = new ArrayList<>();
        Path sentDir = root.resolve("sentiment");
        if (Files.isDirectory(sentDir)) {
            try (Stream<Path> files = Files.list(sentDir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                    Map<String, Object> doc = load(yaml, f);
                    for (Object o : (List<Object>) doc.get("examples")) {
                        sentiment.add(new SentimentExample(String.valueOf(o), (String) doc.get("label"),
                                new SourceRef(root.relativize(f).toString(), 0)));
                    }
                }
            }
        }
        List<FaqEntry> faq = new ArrayList<>();
        Path faqDir = root.resolve("faq");
        if (Files.isDirectory(faqDir)) {
            try (Stream<Path> files = Files.walk(faqDir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                    Map<String, Object> doc = load(yaml, f);
                    String topic = (String) doc.get("topic");
                    for (Map<String, Object> e : (List<Map<String, Object>>) doc.get("entries")) {
                        faq.add(new FaqEntry((String) e.get("id"), topic, (String) e.get("question"),
                                (List<String>) e.getOrDefault("alternatives", List.of()), (String) e.get("answer"),
                                (List<String>) e.getOrDefault("tags", List.of()),
                                new SourceRef(root.relativize(f).toString(), 0)));
                    }
                }
            }
        }
        List<FaqQuery> queries = new ArrayList<>();
        Path q = root.resolve("tests/faq-queries.yml");
        if (Files.exists(q)) {
            Map<String, Object> doc = load(yaml, q);
            for (Map<String, Object> e : (List<Map<String, Object>>) doc.get("queries")) {
                queries.add(new FaqQuery((String) e.get("text"), (List<String>) e.get("relevant"),
                        new SourceRef("tests/faq-queries.yml", 0)));
            }
        }
        return new TrainingData(Optional.of(root), intents, List.of(), sentiment, faq, queries);
    }

    private static Map<String, Object> load(Yaml yaml, Path f) throws IOException {
        try (Reader r = Files.newBufferedReader(f)) {
            return yaml.load(r);
        }
    }

    static String strip(String text) {
        Matcher m = MARK.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1)));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
