package dev.chatbot.bench.gatling;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.gatling.javaapi.http.HttpDsl.ws;

/**
 * The same closed loop as {@code ChatLoad}, written for Gatling's WebSocket support, so that the two load clients can
 * be compared on the same target and the same 2 cores ({@code bench/gatling-vs-own-client.sh}). Each of
 * {@code bench.users} customers opens a widget session, connects its socket and, for {@code bench.seconds}, sends a
 * message and waits for the bot's answer (a {@code message} frame from the bot), then sends the next at once; a
 * customer the bot hands to a person starts a new conversation.
 *
 * <p>System properties: {@code bench.url} (http://localhost:18100), {@code bench.users} (20), {@code bench.seconds}
 * (30), {@code bench.warmup} (0: seconds of the same loop, untimed, before the timed ones), {@code bench.texts} (a
 * file of messages, one per line, as {@code bench/messages.txt}).
 */
public class WidgetTurnsSimulation extends Simulation {

    private final String base = System.getProperty("bench.url", "http://localhost:18100");
    private final int users = Integer.getInteger("bench.users", 20);
    private final int seconds = Integer.getInteger("bench.seconds", 30);
    private final int warmup = Integer.getInteger("bench.warmup", 0);
    private final List<String> texts = readTexts(System.getProperty("bench.texts"));

    private final HttpProtocolBuilder protocol = http.baseUrl(base)
            .wsBaseUrl(base.replaceFirst("^http", "ws"))
            .contentTypeHeader("application/json");

    private final ChainBuilder newConversation = exec(http("session").post("/api/widget/sessions").body(StringBody("{}"))
            .check(status().is(201), jsonPath("$.token").saveAs("token")))
            .exec(ws("open").connect("/ws/chat?token=#{token}"));

    private final ScenarioBuilder customers = scenario("customer")
            .exec(newConversation)
            // untimed: the same loop under other request names, so that the JIT of both sides is warm when the
            // timed "turn" and "bot answer" begin
            .during(Duration.ofSeconds(warmup)).on(turn("warm-up turn", "warm-up answer"))
            .during(Duration.ofSeconds(seconds)).on(turn("turn", "bot answer"))
            .exec(ws("close").close());

    /** One message and the bot's answer; a customer handed to a person goes on in a new conversation. */
    private ChainBuilder turn(String send, String answer) {
        return exec(session -> session.set("clientId", UUID.randomUUID().toString())
                .set("text", texts.get((int) (Math.random() * texts.size()))))
                .exec(ws(send)
                        .sendText("{\"type\":\"message\",\"clientId\":\"#{clientId}\",\"text\":#{text.jsonStringify()}}")
                        .await(Duration.ofSeconds(30)).on(ws.checkTextMessage(answer)
                                .matching(regex("\"type\":\"message\"[^}]*\"role\":\"bot\"").exists())
                                .check(jsonPath("$.text").saveAs("answer"))))
                // a conversation handed to a person gets no more bot answers: the customer starts a new one, as
                // ChatLoad's customers do
                .doIf(session -> handedOver(session.getString("answer"))).then(
                        exec(ws("close").close()).exec(newConversation));
    }

    /** Whether the bot's answer is one of its hand-over sentences (bot-core's BotTexts). */
    static boolean handedOver(String answer) {
        return answer != null && (answer.contains("connecting you") || answer.contains("passing you to a person"));
    }

    /** The texts of {@code bench/messages.txt} (one per line, {@code #} for comments), as {@code ChatLoad} reads them. */
    private static List<String> readTexts(String file) {
        if (file == null) {
            return List.of("where is my order?", "how long does shipping take?", "hello");
        }
        try {
            return Files.readAllLines(Path.of(file)).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    {
        setUp(customers.injectOpen(atOnceUsers(users))).protocols(protocol);
    }
}
