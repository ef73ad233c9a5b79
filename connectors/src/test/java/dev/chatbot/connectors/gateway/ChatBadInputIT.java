package dev.chatbot.connectors.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatbot.connectors.security.TokenSigner;
import dev.chatbot.connectors.testing.ChatClient;
import dev.chatbot.connectors.testing.Frames;
import dev.chatbot.connectors.testing.RawWebSocket;
import dev.chatbot.connectors.testing.TestServer;
import dev.chatbot.connectors.testing.TestServer.WidgetSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad input on the chat socket and the session endpoint: each case gets a clear error or close code, nothing is
 * stored by it, and a bystander conversation keeps being served throughout.
 */
class ChatBadInputIT {

    private static TestServer server;
    private WidgetSession bystanderSession;
    private ChatClient bystander;
    private int bystanderCount;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("chatbot.widget.rate-limit-burst", 5, "chatbot.widget.rate-limit-per-minute", 60));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void openBystander() {
        bystanderSession = server.newSession();
        bystander = server.connect(bystanderSession);
        bystander.awaitType("state");
    }

    /** After every case, another conversation still gets its message stored and answered. */
    @AfterEach
    void bystanderIsStillServed() {
        bystanderCount++;
        long seq = bystander.say("bystander-" + bystanderCount, "still there?");
        bystander.awaitSeq(seq + 1);
        bystander.close();
    }

    private JsonNode error(ChatClient chat) {
        return chat.awaitType("error");
    }

    private int storedMessages(WidgetSession s) {
        return Frames.parse(server.get("/api/widget/conversations/" + s.conversationId() + "/messages", s.token()).body())
                .get("messages").size();
    }

    private static void assertStillOpen(ChatClient chat) {
        long seq = chat.say("after-" + System.nanoTime(), "are you still listening?");
        assertThat(seq).isPositive();
    }

    @Test
    void malformed_json_gets_an_error_and_the_socket_stays_open() {
        WidgetSession s = server.newSession();
        try (ChatClient chat = server.connect(s)) {
            chat.send("{\"type\":\"message\",");
            assertThat(error(chat).get("code").asText()).isEqualTo("malformed_json");
            chat.send("[1,2,3]");
            assertThat(error(chat).get("code").asText()).isEqualTo("malformed_json");
            chat.send("{\"type\":\"typing\"} trailing");
            assertThat(error(chat).get("code").asText()).isEqualTo("malformed_json");
            assertThat(storedMessages(s)).isZero();
            assertStillOpen(chat);
        }
    }

    @Test
    void unknown_type_gets_an_error() {
        WidgetSession s = server.newSession();
        try (ChatClient chat = server.connect(s)) {
            chat.send("{\"type\":\"delete_everything\"}");
            JsonNode e = error(chat);
            assertThat(e.get("code").asText()).isEqualTo("unknown_type");
            assertThat(e.get("message").asText()).contains("message, resume, typing or rating");
            assertStillOpen(chat);
        }
    }

    @Test
    void missing_or_mistyped_fields_get_an_error_naming_the_field() {
        WidgetSession s = server.newSession();
        try (ChatClient chat = server.connect(s)) {
            chat.send("{\"clientId\":\"x\",\"text\":\"no type\"}");
            assertThat(error(chat).get("message").asText()).contains("'type'");
            chat.send("{\"type\":\"message\",\"text\":\"no client id\"}");
            assertThat(error(chat).get("message").asText()).contains("'clientId'");
            chat.send("{\"type\":\"message\",\"clientId\":\"c1\"}");
            assertThat(error(chat).get("message").asText()).contains("'text'");
            chat.send("{\"type\":\"message\",\"clientId\":\"c1\",\"text\":42}");
            assertThat(error(chat).get("code").asText()).isEqualTo("invalid_field");
            chat.send("{\"type\":\"message\",\"clientId\":\"has spaces and <tags>\",\"text\":\"hi\"}");
            assertThat(error(chat).get("message").asText()).contains("'clientId'");
            chat.send("{\"type\":\"resume\"}");
            assertThat(error(chat).get("message").asText()).contains("'afterSeq'");
            chat.send("{\"type\":\"rating\",\"score\":9}");
            assertThat(error(chat).get("message").asText()).contains("'score'");
            assertThat(storedMessages(s)).isZero();
            assertStillOpen(chat);
        }
    }

    @Test
    void empty_or_whitespace_text_is_refused_and_not_stored() {
        WidgetSession s = server.newSession();
        try (ChatClient chat = server.connect(s)) {
            chat.send(Frames.message("e1", ""));
            assertThat(error(chat).get("code").asText()).isEqualTo("empty_text");
            chat.send(Frames.message("e2", "   \n\t  "));
            assertThat(error(chat).get("code").asText()).isEqualTo("empty_text");
            chat.send(Frames.message("e3", "\u0000\u0007"));
            assertThat(error(chat).get("code").asText()).isEqualTo("empty_text");
            assertThat(storedMessages(s)).isZero();
        }
    }

    @Test
    void text_over_the_limit_is_refused_and_not_stored_while_text_at_the_limit_is_accepted() {
        WidgetSession s = server.newSession();
        try (ChatClient chat = server.connect(s)) {
            chat.send(Frames.message("long", "x".repeat(4001)));
            JsonNode e = error(chat);
            assertThat(e.get("code").asText()).isEqualTo("text_too_long");
            assertThat(e.get("message").asText()).contains("4000");
            assertThat(storedMessages(s)).isZero();
            assertThat(chat.say("limit", "y".repeat(4000))).isEqualTo(1);
        }
    }

    @Test
    void html_and_script_are_stored_and_returned_as_plain_text() {
        WidgetSession s = server.newSession();
        String html = "<img src=x onerror=alert(1)><script>alert('x')</script>";
        try (ChatClient chat = server.connect(s)) {
            long seq = chat.say("html", html);
            assertThat(chat.awaitSeq(seq).get("text").asText()).isEqualTo(html);
        }
    }

    @Test
    void a_single_frame_over_64_kb_closes_the_socket_with_1009() throws IOException {
        WidgetSession s = server.newSession();
        try (RawWebSocket raw = RawWebSocket.connect(server.port(), "/ws/chat?token=" + s.token())) {
            byte[] big = Frames.message("big", "z".repeat(70_000)).getBytes(StandardCharsets.UTF_8);
            raw.sendFrame(RawWebSocket.TEXT, big);
            assertThat(raw.awaitCloseCode()).isEqualTo(1009);
        }
        assertThat(storedMessages(s)).isZero();
    }

    @Test
    void a_message_over_64_kb_in_several_frames_closes_the_socket_with_1009() throws IOException {
        WidgetSession s = server.newSession();
        try (RawWebSocket raw = RawWebSocket.connect(server.port(), "/ws/chat?token=" + s.token())) {
            byte[] chunk = "a".repeat(30_000).getBytes(StandardCharsets.UTF_8);
            raw.sendFrame(RawWebSocket.TEXT, chunk, false);
            raw.sendFrame(0x0, chunk, false);
            raw.sendFrame(0x0, chunk, true);
            assertThat(raw.awaitCloseCode()).isEqualTo(1009);
        }
        assertThat(storedMessages(s)).isZero();
    }

    @Test
    void invalid_utf8_closes_the_socket_with_1007() throws IOException {
        WidgetSession s = server.newSession();
        try (RawWebSocket raw = RawWebSocket.connect(server.port(), "/ws/chat?token=" + s.token())) {
            byte[] prefix = "{\"type\":\"message\",\"clientId\":\"u\",\"text\":\"".getBytes(StandardCharsets.UTF_8);
            byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF};
            byte[] frame = new byte[prefix.length + bad.length + 2];
            System.arraycopy(prefix, 0, frame, 0, prefix.length);
            System.arraycopy(bad, 0, frame, prefix.length, bad.length);
            frame[frame.length - 2] = '"';
            frame[frame.length - 1] = '}';
            raw.sendFrame(RawWebSocket.TEXT, frame);
            assertThat(raw.awaitCloseCode()).isEqualTo(1007);
        }
        assertThat(storedMessages(s)).isZero();
    }

    @Test
    void a_binary_frame_closes_the_socket_with_1003() throws IOException {
        WidgetSession s = server.newSession();
        try (RawWebSocket raw = RawWebSocket.connect(server.port(), "/ws/chat?token=" + s.token())) {
            raw.sendFrame(RawWebSocket.BINARY, Frames.message("bin", "hello").getBytes(StandardCharsets.UTF_8));
            assertThat(raw.awaitCloseCode()).isEqualTo(1003);
        }
        assertThat(storedMessages(s)).isZero();
    }

    @Test
    void a_missing_token_is_refused() {
        assertRefused("/ws/chat");
        assertRefused("/ws/chat?token=");
    }

    @Test
    void a_forged_token_is_refused() {
        WidgetSession s = server.newSession();
        String forged = s.token().substring(0, s.token().length() - 4) + "AAAA";
        assertRefused("/ws/chat?token=" + forged);
        assertRefused("/ws/chat?token=not-a-token");
        // a token whose subject was swapped keeps the old signature
        String[] parts = s.token().split("\\.");
        String other = server.newSession().token().split("\\.")[1];
        assertRefused("/ws/chat?token=" + parts[0] + "." + other + "." + parts[2] + "." + parts[3]);
    }

    @Test
    void an_expired_token_is_refused() {
        WidgetSession s = server.newSession();
        String expired = server.context().getBean(TokenSigner.class).issue("w", s.conversationId(), Duration.ofSeconds(-1));
        assertRefused("/ws/chat?token=" + expired);
    }

    @Test
    void a_token_for_one_conversation_cannot_open_another() {
        WidgetSession a = server.newSession();
        WidgetSession b = server.newSession();
        assertRefused("/ws/chat?token=" + a.token() + "&conversationId=" + b.conversationId());
    }

    @Test
    void a_valid_token_for_a_conversation_that_does_not_exist_is_refused() {
        String token = server.context().getBean(TokenSigner.class).issue("w", "00000000-0000-0000-0000-000000000000", Duration.ofMinutes(5));
        assertRefused("/ws/chat?token=" + token);
    }

    @Test
    void a_page_from_a_foreign_origin_cannot_open_the_socket() throws IOException {
        WidgetSession s = server.newSession();
        // as deployed: the server has a public name and a page elsewhere tries to use a visitor's token
        try (RawWebSocket raw = RawWebSocket.connect(server.port(), "/ws/chat?token=" + s.token(),
                "chat.shop.example", "https://evil.example")) {
            assertThat(raw.awaitCloseCode()).isEqualTo(1008);
        }
        // the server's own pages may
        try (RawWebSocket raw = RawWebSocket.connect(server.port(), "/ws/chat?token=" + s.token(),
                "chat.shop.example", "https://chat.shop.example")) {
            RawWebSocket.Frame first = raw.readFrame();
            assertThat(first.opcode()).isEqualTo(RawWebSocket.TEXT);
            assertThat(first.text()).contains("\"state\"");
        }
        // on localhost the framework already refuses foreign origins before the upgrade
        assertRefused(ChatClient.tryConnect(server.ws("/ws/chat?token=" + s.token()), Map.of("Origin", "https://evil.example")));
    }

    private static void assertRefused(String path) {
        assertRefused(ChatClient.tryConnect(server.ws(path), Map.of()));
    }

    private static void assertRefused(java.util.concurrent.CompletableFuture<ChatClient> attempt) {
        try {
            ChatClient c = attempt.get(10, TimeUnit.SECONDS);
            assertThat(c.awaitClose()).isIn(4401, 1008);
        } catch (ExecutionException | CompletionException e) {
            // refused before the upgrade: also fine
            assertThat(e.getCause()).isInstanceOf(java.net.http.WebSocketHandshakeException.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void a_flood_is_rate_limited_and_keeps_the_socket_and_stored_data_intact() throws Exception {
        WidgetSession s = server.newSession();
        try (ChatClient chat = server.connect(s)) {
            chat.awaitType("state");
            for (int i = 0; i < 40; i++) {
                chat.send(Frames.message("flood-" + i, "spam " + i));
            }
            assertThat(error(chat).get("code").asText()).isEqualTo("rate_limited");
            Thread.sleep(1500);
            long acked = chat.drain().stream().filter(f -> f.path("type").asText().equals("ack")).count();
            assertThat(acked).isBetween(5L, 8L);
            // customer messages stored equal those acknowledged; each got a bot reply
            JsonNode history = Frames.parse(server.get("/api/widget/conversations/" + s.conversationId() + "/messages", s.token()).body());
            long customer = 0;
            for (JsonNode m : history.get("messages")) {
                if (m.get("role").asText().equals("customer")) {
                    customer++;
                }
            }
            assertThat(customer).isEqualTo(acked);
            // after a pause the same socket works again
            Thread.sleep(1500);
            assertThat(chat.say("after-flood", "sorry about that")).isPositive();
        }
    }

    @Test
    void resume_with_a_negative_or_future_sequence_number_gets_an_error() {
        WidgetSession s = server.newSession();
        try (ChatClient chat = server.connect(s)) {
            chat.say("r1", "hello");
            chat.awaitSeq(2);
            chat.send(Frames.resume(-1));
            assertThat(error(chat).get("code").asText()).isEqualTo("invalid_resume");
            chat.send(Frames.resume(99));
            JsonNode e = error(chat);
            assertThat(e.get("code").asText()).isEqualTo("invalid_resume");
            assertThat(e.get("message").asText()).contains("99");
            chat.send(Frames.resume(1));
            assertThat(chat.awaitSeq(2).get("role").asText()).isEqualTo("bot");
        }
    }

    @Test
    void the_session_endpoint_refuses_bad_bodies_clearly() {
        assertThat(server.post("/api/widget/sessions", "{not json").statusCode()).isEqualTo(400);
        var unknown = server.post("/api/widget/sessions", "{\"locale\":\"en\",\"admin\":true}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(Frames.parse(unknown.body()).get("error").asText()).isEqualTo("unknown_field");
        assertThat(server.post("/api/widget/sessions", "{\"email\":\"<script>@x\"}").statusCode()).isEqualTo(400);
        assertThat(server.post("/api/widget/sessions", "{\"locale\":\"english please\"}").statusCode()).isEqualTo(400);
        assertThat(server.post("/api/widget/sessions", "{\"locale\":7}").statusCode()).isEqualTo(400);
        assertThat(server.post("/api/widget/sessions", "").statusCode()).isEqualTo(201);
        assertThatThrownBy(() -> Frames.parse("nope")).isInstanceOf(IllegalArgumentException.class);
    }
}
