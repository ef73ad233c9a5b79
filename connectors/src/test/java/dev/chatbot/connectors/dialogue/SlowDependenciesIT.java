package dev.chatbot.connectors.dialogue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatbot.connectors.crm.DemoCrmData;
import dev.chatbot.connectors.crm.FakeCrmServer;
import dev.chatbot.connectors.llm.FakeOllamaServer;
import dev.chatbot.connectors.testing.ChatClient;
import dev.chatbot.connectors.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CRM or an LLM that hangs holds up only the conversation that needs it: another customer's FAQ question is
 * answered at once meanwhile, and the waiting customer then gets a clear message and the offer of a person.
 */
class SlowDependenciesIT {

    private static FakeCrmServer crm;
    private static FakeOllamaServer llm;
    private static TestServer server;

    @BeforeAll
    static void start() {
        crm = FakeCrmServer.start(DemoCrmData.forDay(LocalDate.now(ZoneOffset.UTC)), "/crm", Optional.empty());
        llm = FakeOllamaServer.start().otherwise(request -> FakeOllamaServer.Script.hang());
        server = TestServer.start(Map.of(
                "chatbot.crm.base-url", crm.baseUrl().toString(),
                "chatbot.crm.request-timeout", "4s",
                "chatbot.crm.total-timeout", "8s",
                "chatbot.llm.enabled", true,
                "chatbot.llm.base-url", llm.baseUrl(),
                "chatbot.llm.model", FakeOllamaServer.MODEL,
                "chatbot.llm.first-token-timeout", "8s"));
    }

    @AfterAll
    static void stop() {
        server.close();
        crm.close();
        llm.close();
    }

    private static JsonNode botReplyAfter(ChatClient chat, long seq, Duration within) {
        return chat.await(f -> f.path("type").asText().equals("message") && f.path("seq").asLong() > seq
                && !f.path("role").asText().equals("customer"), within);
    }

    @Test
    void a_hanging_crm_does_not_hold_up_another_conversation() {
        try (ChatClient waiting = server.connect(server.newSession()); ChatClient other = server.connect(server.newSession())) {
            waiting.say("w1", "where is my order A1B2C3");
            botReplyAfter(waiting, 1, Duration.ofSeconds(10));
            crm.failNext("GET /orders", new FakeCrmServer.Hang(), new FakeCrmServer.Hang(), new FakeCrmServer.Hang());
            long stuck = waiting.say("w2", "maya.thompson@example.com");

            long start = System.nanoTime();
            long seq = other.say("o1", "how long does shipping take?");
            JsonNode answer = botReplyAfter(other, seq, Duration.ofSeconds(5));
            long otherMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(answer.path("sources").toString()).contains("shipping-times");
            // a blocked turn would wait for the 8 s limit; a loaded 2-core machine can take a second or two
            assertThat(otherMillis).as("the other customer waited %d ms", otherMillis).isLessThan(5000);

            JsonNode late = botReplyAfter(waiting, stuck, Duration.ofSeconds(30));
            assertThat(late.get("text").asText()).contains("can't reach our order system");
            assertThat(late.get("quickReplies").toString()).contains("Talk to a person");
        }
    }

    @Test
    void a_hanging_llm_does_not_hold_up_another_conversation() {
        try (ChatClient waiting = server.connect(server.newSession()); ChatClient other = server.connect(server.newSession())) {
            long stuck = waiting.say("l1", "is the ridgeline boot a good choice for people with wide feet?");

            long start = System.nanoTime();
            long seq = other.say("o2", "can I pay with paypal?");
            JsonNode answer = botReplyAfter(other, seq, Duration.ofSeconds(5));
            long otherMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(answer.path("sources").toString()).contains("payments-methods");
            // a blocked turn would wait for the 8 s limit; a loaded 2-core machine can take a second or two
            assertThat(otherMillis).as("the other customer waited %d ms", otherMillis).isLessThan(5000);

            JsonNode late = botReplyAfter(waiting, stuck, Duration.ofSeconds(30));
            assertThat(late.get("text").asText()).contains("connect you with a person");
        }
    }
}
