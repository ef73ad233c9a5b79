package dev.chatbot.connectors.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatbot.connectors.testing.ChatClient;
import dev.chatbot.connectors.testing.Frames;
import dev.chatbot.connectors.testing.TestServer;
import dev.chatbot.connectors.testing.TestServer.WidgetSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The widget's path through the real server over real sockets: send, ack, reply, resume, several tabs. */
class ChatGatewayIT {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_session_gives_a_conversation_and_a_token() {
        HttpResponse<String> r = server.post("/api/widget/sessions", "{\"locale\":\"en-GB\",\"email\":\"Ann@Example.com\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode body = Frames.parse(r.body());
        assertThat(body.get("conversationId").asText()).hasSize(36);
        assertThat(body.get("token").asText()).startsWith("w.");
        assertThat(body.get("expiresAt").asText()).isNotBlank();
    }

    @Test
    void acknowledges_a_stored_message_then_replies() {
        WidgetSession s = server.newSession();
        try (ChatClient chat = server.connect(s)) {
            assertThat(chat.awaitType("state").get("state").asText()).isEqualTo("bot");
            long seq = chat.say("m-1", "hello there");
            assertThat(seq).isEqualTo(1);
            JsonNode echo = chat.awaitSeq(1);
            assertThat(echo.get("role").asText()).isEqualTo("customer");
            assertThat(echo.get("text").asText()).isEqualTo("hello there");
            assertThat(echo.get("clientId").asText()).isEqualTo("m-1");
            JsonNode reply = chat.awaitSeq(2);
            assertThat(reply.get("role").asText()).isEqualTo("bot");
            assertThat(reply.get("text").asText()).isNotBlank();
            assertThat(reply.get("ts").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        }
    }

    @Test
    void the_ack_comes_before_the_echo_and_the_reply() {
        WidgetSession s = server.newSession();
        try (ChatClient chat = server.connect(s)) {
            chat.awaitType("state");
            for (int i = 0; i < 8; i++) { // within the default burst of the rate limit
                chat.send(Frames.message("order-" + i, "hello")); // a greeting: the bot always answers it
                JsonNode first = chat.await(f -> !f.path("type").asText().equals("typing"));
                assertThat(first.get("type").asText()).as("first frame after message %d", i).isEqualTo("ack");
                long seq = first.get("seq").asLong();
                chat.awaitSeq(seq);
                chat.awaitSeq(seq + 1);
                assertThat(chat.drain()).noneMatch(f -> f.path("type").asText().equals("message"));
            }
        }
    }

    @Test
    void a_message_sent_right_after_the_handshake_is_not_lost() throws Exception {
        for (int i = 0; i < 20; i++) {
            WidgetSession s = server.newSession();
            try (var raw = dev.chatbot.connectors.testing.RawWebSocket.connect(server.port(), "/ws/chat?token=" + s.token())) {
                raw.sendFrame(dev.chatbot.connectors.testing.RawWebSocket.TEXT,
                        Frames.message("early-" + i, "hello").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                boolean acked = false;
                for (int f = 0; f < 10 && !acked; f++) {
                    var frame = raw.readFrame();
                    assertThat(frame).as("frame %d of attempt %d", f, i).isNotNull();
                    acked = frame.text().contains("\"type\":\"ack\"");
                }
                assertThat(acked).as("ack for attempt %d", i).isTrue();
            }
        }
    }

    @Test
    void a_retried_message_is_acknowledged_with_the_same_number_and_stored_once() {
        WidgetSession s = server.newSession();
        try (ChatClient chat = server.connect(s)) {
            long first = chat.say("retry-1", "where is my parcel");
            chat.awaitSeq(2);
            long again = chat.say("retry-1", "where is my parcel");
            assertThat(again).isEqualTo(first);
        }
        JsonNode history = Frames.parse(server.get("/api/widget/conversations/" + s.conversationId() + "/messages", s.token()).body());
        assertThat(history.get("messages")).hasSize(2);
    }

    @Test
    void resume_replays_what_was_missed_including_replies_produced_while_away() throws Exception {
        WidgetSession s = server.newSession();
        try (ChatClient chat = server.connect(s)) {
            chat.say("a", "first");
            chat.awaitSeq(2);
            // the customer drops off right after sending; the bot answers while nobody listens
            chat.send(Frames.message("b", "second"));
            chat.abort();
        }
        Thread.sleep(500);
        try (ChatClient again = server.connect(s)) {
            again.send(Frames.resume(2));
            JsonNode m3 = again.awaitSeq(3);
            JsonNode m4 = again.awaitSeq(4);
            assertThat(m3.get("text").asText()).isEqualTo("second");
            assertThat(m4.get("role").asText()).isEqualTo("bot");
            again.send(Frames.resume(0));
            for (long seq = 1; seq <= 4; seq++) {
                again.awaitSeq(seq);
            }
        }
    }

    @Test
    void two_tabs_of_one_conversation_both_receive_every_message() {
        WidgetSession s = server.newSession();
        try (ChatClient tab1 = server.connect(s); ChatClient tab2 = server.connect(s)) {
            tab1.awaitType("state");
            tab2.awaitType("state");
            tab1.say("t1", "from tab one");
            for (ChatClient tab : List.of(tab1, tab2)) {
                assertThat(tab.awaitSeq(1).get("text").asText()).isEqualTo("from tab one");
                assertThat(tab.awaitSeq(2).get("role").asText()).isEqualTo("bot");
            }
            tab2.say("t2", "from tab two");
            for (ChatClient tab : List.of(tab1, tab2)) {
                assertThat(tab.awaitSeq(3).get("text").asText()).isEqualTo("from tab two");
                tab.awaitSeq(4);
            }
        }
    }

    @Test
    void messages_arrive_in_sequence_order_without_gaps() {
        WidgetSession s = server.newSession();
        try (ChatClient chat = server.connect(s)) {
            chat.awaitType("state");
            for (int i = 0; i < 5; i++) {
                chat.send(Frames.message("burst-" + i, "hello")); // a greeting: the bot always answers it
            }
            long expected = 1;
            while (expected <= 10) {
                JsonNode f = chat.await(x -> x.path("type").asText().equals("message"));
                assertThat(f.get("seq").asLong()).isEqualTo(expected);
                expected++;
            }
        }
    }

    @Test
    void history_over_http_needs_the_conversations_own_token() {
        WidgetSession a = server.newSession();
        WidgetSession b = server.newSession();
        try (ChatClient chat = server.connect(a)) {
            chat.say("h1", "hello");
            chat.awaitSeq(2);
        }
        HttpResponse<String> own = server.get("/api/widget/conversations/" + a.conversationId() + "/messages?afterSeq=1", a.token());
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(Frames.parse(own.body()).get("messages")).hasSize(1);
        assertThat(server.get("/api/widget/conversations/" + a.conversationId() + "/messages", b.token()).statusCode()).isEqualTo(403);
        assertThat(server.get("/api/widget/conversations/" + a.conversationId() + "/messages", null).statusCode()).isEqualTo(401);
        assertThat(server.get("/api/widget/conversations/" + a.conversationId() + "/messages", "w.forged.123.abc").statusCode()).isEqualTo(401);
    }

    @Test
    void health_reports_the_database() {
        HttpResponse<String> r = server.get("/health", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Frames.parse(r.body()).at("/checks/database").asText()).isEqualTo("UP");
    }
}
