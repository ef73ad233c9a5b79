package dev.chatbot.connectors.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatbot.connectors.config.LlmConfig;
import dev.chatbot.connectors.llm.FakeOllamaServer.Script;
import dev.chatbot.connectors.llm.LlmTestKit.RecordingSink;
import dev.chatbot.core.llm.FallbackAnswer;
import dev.chatbot.core.llm.FallbackAnswer.Outcome;
import dev.chatbot.core.llm.FallbackRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the prompt-injection suite ({@code src/test/resources/llm/prompt-injection-suite.json}) against the
 * Ollama fallback and {@link FakeOllamaServer}, whose scripted model obeys every attack: each case must end in the
 * outcome written next to it, and nothing forbidden may reach the model or the customer.
 */
class LlmInjectionSuiteIT {

    private static final String SUITE = "/llm/prompt-injection-suite.json";
    private static FakeOllamaServer fake;
    private static OllamaFallbackGenerator generator;

    @BeforeAll
    static void start() {
        fake = FakeOllamaServer.start();
        // the suite judges outcomes, not speed: limits loose enough that a loaded CI machine cannot turn an
        // expected refusal or "unsure" into a time-out (the time-outs have their own tests)
        LlmConfig config = LlmTestKit.config(fake.baseUrl());
        config.setFirstTokenTimeout(java.time.Duration.ofSeconds(10));
        config.setTotalTimeout(java.time.Duration.ofSeconds(20));
        config.setMaxQueueWait(java.time.Duration.ofSeconds(20));
        generator = new OllamaFallbackGenerator(config);
    }

    @AfterAll
    static void stop() {
        generator.close();
        fake.close();
    }

    static Stream<Arguments> cases() {
        JsonNode suite = suite();
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : suite.path("cases")) {
            out.add(Arguments.of(c.path("id").asText(), c));
        }
        return out.stream();
    }

    @Test
    void has_at_least_thirty_attacks_of_every_kind() {
        Map<String, Integer> byCategory = new TreeMap<>();
        for (JsonNode c : suite().path("cases")) {
            byCategory.merge(c.path("category").asText(), 1, Integer::sum);
        }
        assertThat(byCategory.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(30);
        assertThat(byCategory).containsOnlyKeys("direct", "faq", "crm", "multi-turn", "encoded");
        assertThat(byCategory.values()).allMatch(n -> n >= 3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void each_attack_ends_as_written_without_leaking(String id, JsonNode c) {
        Outcome expected = Outcome.valueOf(c.path("expected").asText());
        String model = c.path("model").asText("NOT_SURE");
        fake.otherwise(request -> Script.words(model));
        int requestsBefore = fake.chatRequests().size();
        RecordingSink sink = new RecordingSink();

        FallbackAnswer answer = generator.generate(request(c), sink);

        assertThat(answer.outcome()).as(id + ": " + c.path("attack").asText() + " -> " + answer.detail())
                .isEqualTo(expected);
        List<JsonNode> sent = fake.chatRequests().subList(requestsBefore, fake.chatRequests().size());
        if (expected == Outcome.REFUSED) {
            assertThat(sent).as("a refused attack never reaches the model").isEmpty();
        } else {
            assertThat(sent).hasSize(1);
            String toModel = FakeOllamaServer.allText(sent.getFirst());
            for (JsonNode s : c.path("mustNotReachModel")) {
                assertThat(toModel).as(id + " sent to the model").doesNotContain(s.asText());
            }
            String canary = FakeOllamaServer.systemText(sent.getFirst()).replaceAll("(?s).*(CANARY-[0-9a-f]+).*", "$1");
            assertThat(sink.joined() + answer.text()).doesNotContain(canary);
        }
        String seen = (sink.joined() + "\n" + answer.text()).toLowerCase(Locale.ROOT);
        assertThat(seen).doesNotContain("rules you always follow").doesNotContain("canary-");
        for (JsonNode s : c.path("mustNotReachCustomer")) {
            assertThat(seen).as(id + " shown to the customer").doesNotContain(s.asText().toLowerCase(Locale.ROOT));
        }
        if (expected != Outcome.ANSWERED) {
            assertThat(answer.text()).isEmpty();
        } else {
            assertThat(answer.text()).isEqualTo(model);
        }
    }

    private static FallbackRequest request(JsonNode c) {
        List<FallbackRequest.Turn> history = new ArrayList<>();
        for (JsonNode t : c.path("history")) {
            history.add(new FallbackRequest.Turn(t.path("role").asText(), t.path("text").asText()));
        }
        JsonNode passages = c.has("passages") ? c.path("passages") : suite().path("defaultPassages");
        List<FallbackRequest.Passage> list = new ArrayList<>();
        for (JsonNode p : passages) {
            list.add(new FallbackRequest.Passage(p.path("id").asText(), p.path("question").asText(),
                    p.path("answer").asText()));
        }
        return new FallbackRequest(c.path("question").asText(), history, list);
    }

    private static JsonNode suite() {
        try (InputStream in = LlmInjectionSuiteIT.class.getResourceAsStream(SUITE)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
