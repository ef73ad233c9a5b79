package dev.chatbot.connectors.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatbot.connectors.llm.FakeOllamaServer;
import dev.chatbot.connectors.testing.ChatClient;
import dev.chatbot.connectors.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CRM and the LLM fail for every call (500s, garbage, hanging; an LLM that errors or hangs with its queue full)
 * while 20 other customers chat: their answers keep coming (loosely timed, the numbers are printed), and each affected
 * customer gets a clear message with the offer of a person, and a person when they take it.
 * {@code SlowDependenciesIT} covers the single hanging call; this is the crowd version.
 */
class FailingDependenciesIT {

    private static final int CROWD = 20;
    private static final int TURNS = 4;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    /** Loose bounds for the other customers' answers on a shared 2-core machine. */
    private static final long CROWD_P95_MILLIS = 2_500;
    private static final long CROWD_MAX_MILLIS = 5_000;
    private static final List<String> FAQ_QUESTIONS = List.of(
            "how long does shipping take?",
            "which payment methods do you accept?",
            "how do I buy a gift card?",
            "do you store my card details?",
            "can I change the delivery address of my order?");
    private static final List<String> QUESTIONS_FOR_THE_LLM = List.of(
            "is the ridgeline boot a good choice for people with wide feet?",
            "would the stormline jacket keep me dry on a week of hiking in scotland?",
            "are the carbon trekking poles light enough for trail running?",
            "can the beacon headlamp be used while running at night?",
            "does the trailhead tent fit two adults and a big dog?",
            "would the glowfield lantern attract fewer mosquitoes than a normal lamp?");

    private enum LlmFailure { ERROR, HANG }

    private static BrokenCrmServer crm;
    private static FakeOllamaServer llm;
    private static volatile LlmFailure llmFailure = LlmFailure.ERROR;
    private static TestServer server;

    @BeforeAll
    static void start() {
        crm = BrokenCrmServer.start();
        llm = FakeOllamaServer.start().otherwise(request -> llmFailure == LlmFailure.ERROR
                ? FakeOllamaServer.Script.error(500) : FakeOllamaServer.Script.hang());
        server = TestServer.start(TestServer.withLoadFromOneAddress(Map.ofEntries(
                Map.entry("chatbot.crm.base-url", crm.baseUrl().toString()),
                Map.entry("chatbot.crm.request-timeout", "1s"),
                Map.entry("chatbot.crm.total-timeout", "2s"),
                Map.entry("chatbot.llm.enabled", true),
                Map.entry("chatbot.llm.base-url", llm.baseUrl()),
                Map.entry("chatbot.llm.model", FakeOllamaServer.MODEL),
                Map.entry("chatbot.llm.first-token-timeout", "2s"),
                Map.entry("chatbot.llm.max-concurrent", 1),
                Map.entry("chatbot.llm.max-queue", 2),
                Map.entry("chatbot.llm.max-queue-wait", "3s"),
                Map.entry("chatbot.llm.probe-interval", "500ms"),
                Map.entry("chatbot.widget.rate-limit-burst", 1000),
                Map.entry("chatbot.widget.rate-limit-per-minute", 100000))));
        // warm up (the first answers of a fresh server are slower than the rest), then the crowd with nothing broken,
        // for comparison
        ChattingCrowd.start(server, 2, 2, FAQ_QUESTIONS, ANSWER_WITHIN).join();
        System.out.printf("nothing broken: %d customers: %s%n", CROWD,
                ChattingCrowd.start(server, CROWD, TURNS, FAQ_QUESTIONS, ANSWER_WITHIN).join());
    }

    @AfterAll
    static void stop() {
        server.close();
        crm.close();
        llm.close();
    }

    @ParameterizedTest
    @EnumSource(BrokenCrmServer.Failure.class)
    void a_broken_crm_leaves_other_conversations_alone_and_offers_the_customer_a_person(BrokenCrmServer.Failure failure) {
        crm.failWith(failure);
        int requestsBefore = crm.requests();
        CompletableFuture<ChattingCrowd.Result> crowd = ChattingCrowd.start(server, CROWD, TURNS, FAQ_QUESTIONS, ANSWER_WITHIN);

        try (ChatClient affected = server.connect(server.newSession())) {
            affected.awaitType("state");
            long asked = affected.say("order-1", "where is my order A1B2C3");
            assertThat(answerAfter(affected, asked).get("text").asText()).containsIgnoringCase("e-mail");
            long start = System.nanoTime();
            long verified = affected.say("order-2", "maya.thompson@example.com");
            JsonNode answer = answerAfter(affected, verified);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(answer.get("text").asText()).contains("can't reach our order system");
            assertThat(answer.get("quickReplies").toString()).contains("Talk to a person");
            assertThat(millis).as("the affected customer's answer took %d ms", millis).isLessThan(6_000);

            long accepted = affected.say("order-3", "Talk to a person");
            answerAfter(affected, accepted);
            affected.await(f -> f.path("type").asText().equals("state")
                    && f.path("state").asText().equals("waiting_for_agent"), ANSWER_WITHIN);
            System.out.printf("crm %s: the affected customer was told after %d ms%n", failure, millis);
        }

        ChattingCrowd.Result others = crowd.join();
        System.out.printf("crm %s: %d other customers: %s%n", failure, CROWD, others);
        assertThat(crm.requests()).as("the CRM was called").isGreaterThan(requestsBefore);
        assertUnaffected(others);
    }

    @Test
    void an_llm_that_errors_offers_a_person_at_once() {
        llmFailure = LlmFailure.ERROR;
        awaitLlmCircuitClosed();
        try (ChatClient affected = server.connect(server.newSession())) {
            affected.awaitType("state");
            long start = System.nanoTime();
            long asked = affected.say("llm-1", QUESTIONS_FOR_THE_LLM.getFirst());
            JsonNode answer = answerAfter(affected, asked);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(answer.get("text").asText()).contains("connect you with a person");
            assertThat(answer.get("quickReplies").toString()).contains("Talk to a person");
            assertThat(millis).isLessThan(3_000);
        }
    }

    @Test
    void an_llm_that_hangs_with_a_full_queue_leaves_other_conversations_alone_and_offers_a_person() {
        llmFailure = LlmFailure.HANG;
        awaitLlmCircuitClosed();
        CompletableFuture<ChattingCrowd.Result> crowd = ChattingCrowd.start(server, CROWD, TURNS, FAQ_QUESTIONS, ANSWER_WITHIN);

        // more customers need the LLM at once than it has slots and queue places (1 + 2)
        List<CompletableFuture<long[]>> waiting = new ArrayList<>();
        var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        List<ChatClient> clients = new ArrayList<>();
        List<String> texts = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < QUESTIONS_FOR_THE_LLM.size(); i++) {
            ChatClient c = server.connect(server.newSession());
            c.awaitType("state");
            clients.add(c);
        }
        for (int i = 0; i < clients.size(); i++) {
            ChatClient c = clients.get(i);
            String question = QUESTIONS_FOR_THE_LLM.get(i);
            String clientId = "llm-hang-" + i;
            waiting.add(CompletableFuture.supplyAsync(() -> {
                long start = System.nanoTime();
                long asked = c.say(clientId, question);
                JsonNode answer = answerAfter(c, asked);
                texts.add(answer.toString());
                return new long[] {(System.nanoTime() - start) / 1_000_000};
            }, threads));
        }
        List<Long> millis = waiting.stream().map(f -> f.join()[0]).sorted().toList();
        threads.close();
        clients.forEach(ChatClient::close);
        ChattingCrowd.Result others = crowd.join();
        System.out.printf("llm hanging, queue full: the %d customers who needed it were answered after %s ms%n",
                millis.size(), millis);
        System.out.printf("llm hanging, queue full: %d other customers: %s%n", CROWD, others);

        System.out.println("llm hanging, queue full: answers " + texts);
        assertThat(texts).allMatch(t -> t.contains("connect you with a person") && t.contains("Talk to a person"),
                "every one is offered a person");
        assertThat(texts).as("the ones beyond the queue are told at once that the bot is busy")
                .anyMatch(t -> t.contains("answering a lot of questions"));
        assertThat(millis.getFirst()).as("the first refusal").isLessThan(1_500);
        assertThat(millis.getLast()).as("the longest wait (first-token limit 2 s, queue wait 3 s)").isLessThan(8_000);
        assertUnaffected(others);
    }

    private static void assertUnaffected(ChattingCrowd.Result others) {
        assertThat(others.failures()).as("answers that never came").isEmpty();
        assertThat(others.answers()).isEqualTo(CROWD * TURNS);
        assertThat(others.p95()).as("p95 of the other customers' answers").isLessThan(CROWD_P95_MILLIS);
        assertThat(others.max()).as("slowest answer to another customer").isLessThan(CROWD_MAX_MILLIS);
    }

    /** The LLM's circuit breaker reopens within its probe interval once the model server answers its status call. */
    private static void awaitLlmCircuitClosed() {
        try {
            Thread.sleep(1_200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode answerAfter(ChatClient chat, long seq) {
        return chat.await(f -> f.path("type").asText().equals("message") && f.path("seq").asLong() > seq
                && !f.path("role").asText().equals("customer"), ANSWER_WITHIN);
    }
}
