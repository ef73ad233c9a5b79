package dev.chatbot.connectors.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatbot.connectors.llm.FakeOllamaServer;
import dev.chatbot.connectors.testing.ChatClient;
import dev.chatbot.connectors.testing.Frames;
import dev.chatbot.connectors.testing.Postgres;
import dev.chatbot.connectors.testing.TestServer;
import dev.chatbot.connectors.testing.TestServer.WidgetSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL becomes unreachable for a while, behind a proxy that resets every connection ({@code cut}) or lets
 * nothing through any more ({@code blackhole}). Messages sent meanwhile get a clear {@code store_unavailable} error and
 * no ack; {@code /health} says DOWN, then UP again once the database is back; the server recovers by itself, the
 * customer's resend (same client id) is stored once, and nothing acknowledged before is lost.
 */
class DatabaseOutageIT {

    /** How long a customer may wait for the error while the database is gone. */
    private static final Duration CLEAR_ERROR_WITHIN = Duration.ofSeconds(15);

    /** Goes to the LLM, which answers after a second: the bot's turn is still running when the database goes. */
    private static final String QUESTION_FOR_THE_LLM = "is the ridgeline boot a good choice for people with wide feet?";

    private static Postgres db;
    private static TcpProxy proxy;
    private static FakeOllamaServer llm;
    private static TestServer server;

    @BeforeAll
    static void start() {
        db = Postgres.createDatabase();
        URI direct = URI.create(db.url().substring("jdbc:".length()));
        proxy = TcpProxy.to(direct.getHost(), direct.getPort());
        llm = FakeOllamaServer.start().otherwise(request -> new FakeOllamaServer.Script(List.of("NOT_SURE"),
                Duration.ofSeconds(1), Duration.ZERO, 0, false, false, "stop"));
        server = TestServer.start(TestServer.withLoadFromOneAddress(Map.of(
                "chatbot.llm.enabled", true,
                "chatbot.llm.base-url", llm.baseUrl(),
                "chatbot.llm.model", FakeOllamaServer.MODEL,
                "chatbot.database.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + direct.getPath(),
                "chatbot.database.username", db.user(),
                "chatbot.database.password", db.password(),
                "chatbot.widget.rate-limit-burst", 1000,
                "chatbot.widget.rate-limit-per-minute", 100000)));
    }

    @AfterEach
    void networkBack() {
        proxy.restore();
    }

    @AfterAll
    static void stop() {
        server.close();
        llm.close();
        proxy.close();
        db.close();
    }

    @Test
    void a_database_that_resets_every_connection_gives_clear_errors_loses_nothing_and_recovers_by_itself() {
        outageThenRecovery(proxy::cut, "cut");
    }

    @Test
    void a_database_that_stops_answering_gives_clear_errors_loses_nothing_and_recovers_by_itself() {
        outageThenRecovery(proxy::blackhole, "blackhole");
    }

    private void outageThenRecovery(Runnable fault, String name) {
        WidgetSession session = server.newSession();
        WidgetSession later = server.newSession();
        try (ChatClient chat = server.connect(session)) {
            chat.awaitType("state");
            long before1 = chat.say(name + "-before-1", "how long does shipping take?");
            awaitAnswer(chat, before1, Duration.ofSeconds(10));
            long before2 = chat.say(name + "-before-2", "which payment methods do you accept?");
            awaitAnswer(chat, before2, Duration.ofSeconds(10));

            // acknowledged just before the outage; the bot's answer is due while the database is gone
            long inFlight = chat.say(name + "-in-flight", QUESTION_FOR_THE_LLM);

            // a message whose storing is under way when the outage starts: the test holds the conversation's row lock
            // on its own connection, so the server's INSERT waits for it on a proxied connection; the outage starts,
            // then the lock is released (in a blackhole the database's answer is lost on the way)
            long start;
            try (Connection direct = DriverManager.getConnection(db.url(), db.user(), db.password())) {
                direct.setAutoCommit(false);
                try (PreparedStatement lock = direct.prepareStatement(
                        "SELECT id FROM conversations WHERE id = ? FOR UPDATE")) {
                    lock.setString(1, session.conversationId());
                    lock.executeQuery().close();
                }
                chat.send(Frames.message(name + "-during-1", "do you store my card details?"));
                sleep(300);
                fault.run();
                start = System.nanoTime();
                direct.commit();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }

            // meanwhile, at the same time: the health check says DOWN with a 503; a new conversation cannot start (a
            // clear 503, not an internal error); a socket opened now is told so and closed with 1011 (reconnect later)
            var health = CompletableFuture.supplyAsync(() -> server.get("/health", null));
            var refused = CompletableFuture.supplyAsync(() -> server.post("/api/widget/sessions", "{\"locale\":\"en\"}"));
            var opened = CompletableFuture.supplyAsync(() -> {
                ChatClient c = ChatClient.connect(server.ws("/ws/chat?token=" + later.token()), Map.of());
                JsonNode openError = c.await(f -> f.path("type").asText().equals("error"), CLEAR_ERROR_WITHIN);
                return Map.entry(openError.get("code").asText(), c.awaitClose());
            });

            // the message gets a clear error, and no ack
            JsonNode error = chat.await(f -> f.path("type").asText().equals("error"), CLEAR_ERROR_WITHIN);
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("outage (%s): store_unavailable %d ms after the outage began%n", name, waitedMillis);
            assertThat(error.get("code").asText()).isEqualTo("store_unavailable");
            assertThat(error.get("message").asText()).contains("send it again");

            assertThat(health.join().statusCode()).isEqualTo(503);
            assertThat(Frames.parse(health.join().body()).path("checks").path("database").asText()).isEqualTo("DOWN");
            assertThat(refused.join().statusCode()).as(refused.join().body()).isEqualTo(503);
            assertThat(Frames.parse(refused.join().body()).path("error").asText()).isEqualTo("store_unavailable");
            assertThat(opened.join()).isEqualTo(Map.entry("store_unavailable", 1011));

            // the outage lasts until the answer to the message in flight could not be stored
            sleep(Math.max(0, 3000 - (System.nanoTime() - start) / 1_000_000));
            proxy.restore();
            long restored = System.nanoTime();

            // the server finds the database again by itself
            awaitHealthy(Duration.ofSeconds(30));
            // and answers the message whose turn the outage cut short, without the customer doing anything
            JsonNode late = awaitAnswer(chat, inFlight, Duration.ofSeconds(30));
            System.out.printf("outage (%s): the message in flight was answered %d ms after the database came back%n",
                    name, (System.nanoTime() - restored) / 1_000_000);
            // the bot's answer (when the retry ran it again) or the apology (when the database came back while the
            // turn was failing): either way a clear message that offers a person
            assertThat(late.get("text").asText()).containsAnyOf("connect you with a person", "ask for a person");
            List<JsonNode> duringOutage = chat.drain();
            assertThat(duringOutage).as("frames received during the outage")
                    .noneMatch(f -> f.path("type").asText().equals("ack"));

            // the customer's resend is stored once, and answered
            long during1 = chat.say(name + "-during-1", "do you store my card details?");
            assertThat(during1).isGreaterThan(inFlight);
            assertThat(chat.say(name + "-during-1", "do you store my card details?")).isEqualTo(during1);
            awaitAnswer(chat, during1, Duration.ofSeconds(10));
            try (ChatClient reopened = server.connect(later)) {
                assertThat(reopened.awaitType("state").get("state").asText()).isEqualTo("bot");
            }

            StoredHistory stored = StoredHistory.read(server::get, session).assertGaplessAndUnique();
            Map<String, JsonNode> byClientId = stored.byClientId();
            assertThat(byClientId.get(name + "-before-1").get("seq").asLong()).isEqualTo(before1);
            assertThat(byClientId.get(name + "-before-2").get("seq").asLong()).isEqualTo(before2);
            assertThat(byClientId.get(name + "-in-flight").get("seq").asLong()).isEqualTo(inFlight);
            assertThat(byClientId.get(name + "-during-1").get("seq").asLong()).isEqualTo(during1);
            assertThat(stored.lastRole()).isNotEqualTo("customer");
        }
    }

    private static JsonNode awaitAnswer(ChatClient chat, long seq, Duration within) {
        return chat.await(f -> f.path("type").asText().equals("message") && f.path("seq").asLong() > seq
                && !f.path("role").asText().equals("customer"), within);
    }

    private static void awaitHealthy(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        HttpResponse<String> health = server.get("/health", null);
        while (health.statusCode() != 200 && System.nanoTime() < deadline) {
            sleep(250);
            health = server.get("/health", null);
        }
        assertThat(health.statusCode()).as("health after the database came back: %s", health.body()).isEqualTo(200);
        assertThat(Frames.parse(health.body()).path("status").asText()).isEqualTo("UP");
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
