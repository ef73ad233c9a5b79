package dev.chatbot.connectors.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatbot.connectors.testing.ChatClient;
import dev.chatbot.connectors.testing.Frames;
import dev.chatbot.connectors.testing.TestServer;
import dev.chatbot.connectors.testing.TestServer.WidgetSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Floods from one client address, spread over sessions and sockets. The test client reaches the server through
 * loopback, which this server trusts as a reverse proxy, so {@code X-Forwarded-For} gives each simulated client
 * its own address (as a real proxy in front would); small limits keep the test short.
 */
class AddressLimitsIT {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(
                "chatbot.network.trusted-proxies", "127.0.0.1,::1",
                "chatbot.network.session-burst", 5,
                "chatbot.network.sessions-per-minute", 6,
                "chatbot.network.max-sockets-per-address", 3,
                "chatbot.network.message-burst", 4,
                "chatbot.network.messages-per-minute", 6));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> createSession(String address) {
        return server.send(HttpRequest.newBuilder(server.http("/api/widget/sessions"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString("{\"locale\":\"en\"}")).build());
    }

    private static WidgetSession session(String address) {
        HttpResponse<String> r = createSession(address);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode n = Frames.parse(r.body());
        return new WidgetSession(n.get("conversationId").asText(), n.get("token").asText());
    }

    private static ChatClient open(WidgetSession s, String address) {
        return ChatClient.connect(server.ws("/ws/chat?token=" + s.token()), Map.of("X-Forwarded-For", address));
    }

    @Test
    void sessions_beyond_the_burst_get_429_with_retry_after_while_other_addresses_still_get_theirs() {
        String flooder = "203.0.113.10";
        for (int i = 0; i < 5; i++) {
            assertThat(createSession(flooder).statusCode()).isEqualTo(201);
        }
        HttpResponse<String> refused = createSession(flooder);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("10");
        JsonNode body = Frames.parse(refused.body());
        assertThat(body.get("error").asText()).isEqualTo("rate_limited");
        assertThat(body.get("message").asText()).contains("wait");
        assertThat(createSession("203.0.113.11").statusCode()).isEqualTo(201);
    }

    @Test
    void sockets_beyond_the_maximum_get_an_error_frame_and_close_1008_and_a_closed_one_frees_its_place() {
        String flooder = "203.0.113.20";
        List<WidgetSession> sessions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sessions.add(session(flooder));
        }
        List<ChatClient> open = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ChatClient c = open(sessions.get(i), flooder);
            c.awaitType("state");
            open.add(c);
        }
        try (ChatClient fourth = open(sessions.get(3), flooder)) {
            assertThat(fourth.awaitType("error").get("code").asText()).isEqualTo("too_many_connections");
            assertThat(fourth.awaitClose()).isEqualTo(1008);
        }
        // another address is not affected
        try (ChatClient other = open(session("203.0.113.21"), "203.0.113.21")) {
            other.awaitType("state");
            assertThat(other.say("other", "hello")).isPositive();
        }
        // once one of the three is closed, the address may open another
        open.remove(0).close();
        ChatClient again = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (again == null) {
            ChatClient c = open(sessions.get(4), flooder);
            JsonNode first = c.await(f -> true, Duration.ofSeconds(5));
            if (first != null && first.get("type").asText().equals("state")) {
                again = c;
            } else {
                c.close();
                assertThat(System.nanoTime()).as("the closed socket's place was not given back").isLessThan(deadline);
            }
        }
        again.close();
        open.forEach(ChatClient::close);
    }

    @Test
    void messages_spread_over_several_sockets_share_the_address_budget_and_other_addresses_are_unaffected() throws Exception {
        String flooder = "203.0.113.30";
        List<ChatClient> sockets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ChatClient c = open(session(flooder), flooder);
            c.awaitType("state");
            sockets.add(c);
        }
        // 3 messages per socket stay under the per-socket limit (10), 9 in all exceed the address's 4
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < sockets.size(); i++) {
                sockets.get(i).send(Frames.message("m-" + i + "-" + round, "spread " + round));
            }
        }
        Thread.sleep(1500);
        long acks = 0;
        long limited = 0;
        for (ChatClient c : sockets) {
            for (JsonNode f : c.drain()) {
                String type = f.get("type").asText();
                if (type.equals("ack")) {
                    acks++;
                } else if (type.equals("error") && f.get("code").asText().equals("rate_limited")) {
                    limited++;
                }
            }
        }
        System.out.println("one address, 3 sockets, 9 messages: " + acks + " acknowledged, " + limited + " rate_limited notices");
        assertThat(acks).isBetween(4L, 5L);
        assertThat(limited).isPositive();
        assertThat(sockets).noneMatch(ChatClient::isClosed);
        try (ChatClient other = open(session("203.0.113.31"), "203.0.113.31")) {
            other.awaitType("state");
            assertThat(other.say("other", "not limited")).isPositive();
        }
        sockets.forEach(ChatClient::close);
    }
}
