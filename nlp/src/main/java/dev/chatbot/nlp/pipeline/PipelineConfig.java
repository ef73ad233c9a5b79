package dev.chatbot.nlp.pipeline;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which steps run, in which order, with which settings. Readable from a small YAML file:
 * <pre>{@code
 * version: 1
 * steps: [tokens, language, entities, intent, sentiment, faq]
 * max_message_chars: 2000      # longer messages are cut before analysis
 * seed: 42                     # for repeatable training
 * settings:
 *   intent:
 *     threshold: 0.45
 * }</pre>
 *
 * @param steps           step names in the order they run
 * @param settings        per-step settings (step name to key/value), all values kept as text
 * @param maxMessageChars messages are truncated to this many characters before analysis
 * @param seed            random seed passed to every trainer
 */
public record PipelineConfig(List<String> steps, Map<String, Map<String, String>> settings, int maxMessageChars,
                             long seed) {

    /** The default order. */
    public static final List<String> DEFAULT_STEPS = List.of("tokens", "language", "entities", "intent", "sentiment", "faq");
    public static final int DEFAULT_MAX_MESSAGE_CHARS = 2000;
    public static final long DEFAULT_SEED = 42L;

    private static final Set<String> KEYS = Set.of("version", "steps", "settings", "max_message_chars", "seed");

    public PipelineConfig {
        steps = List.copyOf(steps);
        Map<String, Map<String, String>> copy = new TreeMap<>();
        settings.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        settings = Map.copyOf(copy);
        if (maxMessageChars < 1) {
            throw new PipelineConfigException("max_message_chars must be positive, not " + maxMessageChars);
        }
        if (steps.isEmpty()) {
            throw new PipelineConfigException("the pipeline needs at least one step");
        }
        if (Set.copyOf(steps).size() != steps.size()) {
            throw new PipelineConfigException("a step is listed twice in " + steps);
        }
    }

    /** Every default step, default settings. */
    public static PipelineConfig defaults() {
        return of(DEFAULT_STEPS);
    }

    /** The given steps with default settings. */
    public static PipelineConfig of(List<String> steps) {
        return new PipelineConfig(steps, Map.of(), DEFAULT_MAX_MESSAGE_CHARS, DEFAULT_SEED);
    }

    /** The settings of one step (empty when none). */
    public Map<String, String> settingsOf(String step) {
        return settings.getOrDefault(step, Map.of());
    }

    public PipelineConfig withSetting(String step, String key, String value) {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>(settings);
        Map<String, String> s = new LinkedHashMap<>(settingsOf(step));
        s.put(key, value);
        copy.put(step, s);
        return new PipelineConfig(steps, copy, maxMessageChars, seed);
    }

    public PipelineConfig withSteps(List<String> newSteps) {
        return new PipelineConfig(newSteps, settings, maxMessageChars, seed);
    }

    /** Reads a configuration file; a missing key takes its default. */
    public static PipelineConfig read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new PipelineConfigException("cannot read pipeline configuration " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses configuration text; {@code origin} names it in error messages. */
    public static PipelineConfig parse(String yaml, String origin) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(1 << 20);
        Object root;
        try {
            root = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new PipelineConfigException(origin + ": YAML error: " + e.getMessage(), e);
        }
        if (root == null) {
            return defaults();
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new PipelineConfigException(origin + ": must be a mapping (version, steps, settings)");
        }
        for (Object k : map.keySet()) {
            if (!KEYS.contains(String.valueOf(k))) {
                throw new PipelineConfigException(origin + ": unknown key '" + k + "' (allowed: " + String.join(", ",
                        KEYS.stream().sorted().toList()) + ")");
            }
        }
        Object version = map.get("version");
        if (version != null && !"1".equals(String.valueOf(version))) {
            throw new PipelineConfigException(origin + ": unsupported version " + version + " (must be 1)");
        }
        List<String> steps = DEFAULT_STEPS;
        if (map.containsKey("steps")) {
            if (!(map.get("steps") instanceof List<?> list)) {
                throw new PipelineConfigException(origin + ": steps must be a list of step names");
            }
            steps = list.stream().map(String::valueOf).toList();
        }
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        if (map.get("settings") != null) {
            if (!(map.get("settings") instanceof Map<?, ?> s)) {
                throw new PipelineConfigException(origin + ": settings must map step names to key/value settings");
            }
            for (Map.Entry<?, ?> e : s.entrySet()) {
                if (!(e.getValue() instanceof Map<?, ?> kv)) {
                    throw new PipelineConfigException(origin + ": settings of step '" + e.getKey() + "' must be a mapping");
                }
                Map<String, String> values = new LinkedHashMap<>();
                kv.forEach((k, v) -> values.put(String.valueOf(k), String.valueOf(v)));
                settings.put(String.valueOf(e.getKey()), values);
            }
            for (String step : settings.keySet()) {
                if (!steps.contains(step)) {
                    throw new PipelineConfigException(origin + ": settings for step '" + step
                            + "' which is not in the steps " + steps);
                }
            }
        }
        int max = intValue(map.get("max_message_chars"), DEFAULT_MAX_MESSAGE_CHARS, origin, "max_message_chars");
        long seed = map.get("seed") == null ? DEFAULT_SEED : intValue(map.get("seed"), 0, origin, "seed");
        return new PipelineConfig(steps, settings, max, seed);
    }

    private static int intValue(Object v, int fallback, String origin, String key) {
        if (v == null) {
            return fallback;
        }
        if (v instanceof Integer i) {
            return i;
        }
        throw new PipelineConfigException(origin + ": " + key + " must be a whole number, not '" + v + "'");
    }

    /** Fails with a clear message when a step has no trainer in the registry. */
    public void check(StepRegistry registry) {
        for (String step : steps) {
            if (!registry.has(step)) {
                throw new PipelineConfigException("unknown step '" + step + "' in the pipeline configuration (known steps: "
                        + String.join(", ", registry.names()) + ")");
            }
        }
    }
}
