package dev.chatbot.core.testkit;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A conversation test written in YAML ({@code training-data/tests/conversations/*.yml}):
 * <pre>
 * version: 1
 * name: order status after verification
 * llm: disabled                 # optional: disabled (default) | answers | down | slow
 * steps:
 *   - customer: where is my order
 *     expect:
 *       intent: order_status
 *       policy: handler
 *       handler: order_status
 *       reply_contains: [order number]
 *       reply_not_contains: [shipped]
 *       state: bot
 *       escalation: explicit_request      # or: none
 *       source: shipping-times            # an FAQ answer citing this entry
 * </pre>
 * Unknown keys are errors, as everywhere in the training data.
 */
public record ConversationScript(String name, String file, String llm, List<Step> steps) {

    private static final Set<String> TOP_KEYS = Set.of("version", "name", "description", "llm", "steps");
    private static final Set<String> STEP_KEYS = Set.of("customer", "expect");
    private static final Set<String> EXPECT_KEYS = Set.of("intent", "policy", "handler", "reply_contains",
            "reply_not_contains", "state", "escalation", "source");

    /** One customer message and what must follow it. */
    public record Step(String customer, Map<String, Object> expect) {
    }

    public static ConversationScript load(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setAllowDuplicateKeys(false);
        Object root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(options)).load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": invalid YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(file + ": must be a mapping with version, name and steps");
        }
        checkKeys(file, map, TOP_KEYS, "top level");
        if (!Integer.valueOf(1).equals(map.get("version"))) {
            throw new IllegalArgumentException(file + ": version must be 1");
        }
        String name = String.valueOf(Optional.ofNullable(map.get("name")).orElse(file.getFileName().toString()));
        String llm = String.valueOf(Optional.ofNullable(map.get("llm")).orElse("disabled"));
        if (!Set.of("disabled", "answers", "down", "slow").contains(llm)) {
            throw new IllegalArgumentException(file + ": llm must be disabled, answers, down or slow");
        }
        if (!(map.get("steps") instanceof List<?> rawSteps) || rawSteps.isEmpty()) {
            throw new IllegalArgumentException(file + ": steps must be a non-empty list");
        }
        List<Step> steps = new ArrayList<>();
        for (Object raw : rawSteps) {
            if (!(raw instanceof Map<?, ?> step) || !(step.get("customer") instanceof String text)) {
                throw new IllegalArgumentException(file + ": step " + (steps.size() + 1) + " needs 'customer: <text>'");
            }
            checkKeys(file, step, STEP_KEYS, "step " + (steps.size() + 1));
            Map<String, Object> expect = new java.util.LinkedHashMap<>();
            if (step.get("expect") instanceof Map<?, ?> e) {
                checkKeys(file, e, EXPECT_KEYS, "expect of step " + (steps.size() + 1));
                e.forEach((k, v) -> expect.put(String.valueOf(k), v));
            } else if (step.get("expect") != null) {
                throw new IllegalArgumentException(file + ": expect of step " + (steps.size() + 1) + " must be a mapping");
            }
            steps.add(new Step(text, expect));
        }
        return new ConversationScript(name, file.getFileName().toString(), llm, steps);
    }

    private static void checkKeys(Path file, Map<?, ?> map, Set<String> allowed, String where) {
        for (Object k : map.keySet()) {
            if (!allowed.contains(String.valueOf(k))) {
                throw new IllegalArgumentException(file + ": unknown key '" + k + "' in " + where
                        + " (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    /** Plays the script through the kit; throws AssertionError naming the script and step on the first mismatch. */
    public void play(ConversationKit kit) {
        ConversationKit.Chat chat = kit.newConversation();
        int n = 0;
        for (Step step : steps) {
            n++;
            try {
                expect(chat.say(step.customer()), step.expect());
            } catch (AssertionError e) {
                throw new AssertionError(file + " (" + name + "), step " + n + ": " + e.getMessage(), e);
            }
        }
    }

    private static void expect(ConversationKit.Turn turn, Map<String, Object> expect) {
        expect.forEach((key, value) -> {
            switch (key) {
                case "intent" -> turn.expectIntent(String.valueOf(value));
                case "policy" -> turn.expectPolicy(String.valueOf(value));
                case "handler" -> turn.expectHandler(String.valueOf(value));
                case "reply_contains" -> list(value).forEach(turn::expectReplyContaining);
                case "reply_not_contains" -> list(value).forEach(turn::expectReplyNotContaining);
                case "state" -> turn.expectState(dev.chatbot.core.conversation.ConversationState.fromWire(String.valueOf(value)));
                case "escalation" -> {
                    if ("none".equals(value)) {
                        turn.expectNoEscalation();
                    } else {
                        turn.expectEscalation(String.valueOf(value));
                    }
                }
                case "source" -> turn.expectSource(String.valueOf(value));
                default -> throw new IllegalStateException("unchecked key " + key);
            }
        });
    }

    private static List<String> list(Object value) {
        return value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
    }
}
