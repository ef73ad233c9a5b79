package dev.chatbot.bench.ceiling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The ceiling speaks the part of the widget protocol the load client needs, over real sockets. */
class NettyEchoCeilingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static NettyEchoCeiling ceiling;

    @BeforeAll
    static void start() throws Exception {
        ceiling = NettyEchoCeiling.start(0, 1);
    }

    @AfterAll
    static void stop() {
        ceiling.stop();
    }

    @Test
    void a_message_is_acked_echoed_and_answered_in_sequence() throws Exception {
        Client c = Client.open(session().get("token").asText());
        assertThat(c.next().toString()).isEqualTo("{\"type\":\"state\",\"state\":\"bot\"}");
        c.send("{\"type\":\"message\",\"clientId\":\"c-1\",\"text\":\"  where is my order?  \"}");
        assertThat(types(c, 4)).containsExactly("ack:1", "message:customer:1", "typing", "message:bot:2");
        c.close();
    }

    @Test
    void a_repeated_client_id_is_acked_with_its_first_seq_and_not_answered_again() throws Exception {
        Client c = Client.open(session().get("token").asText());
        c.next();
        c.send("{\"type\":\"message\",\"clientId\":\"same\",\"text\":\"hello\"}");
        types(c, 4);
        c.send("{\"type\":\"message\",\"clientId\":\"same\",\"text\":\"hello\"}");
        c.send("{\"type\":\"message\",\"clientId\":\"next\",\"text\":\"bye\"}");
        assertThat(types(c, 5)).containsExactly("ack:1", "ack:3", "message:customer:3", "typing", "message:bot:4");
        c.close();
    }

    @Test
    void resume_on_a_new_socket_replays_everything_after_the_given_seq() throws Exception {
        String token = session().get("token").asText();
        Client first = Client.open(token);
        first.next();
        for (int i = 1; i <= 3; i++) {
            first.send("{\"type\":\"message\",\"clientId\":\"m" + i + "\",\"text\":\"text " + i + "\"}");
            types(first, 4);
        }
        first.close();
        Client second = Client.open(token);
        second.next();
        second.send("{\"type\":\"resume\",\"afterSeq\":2}");
        List<JsonNode> replay = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            replay.add(second.next());
        }
        assertThat(replay).extracting(f -> f.get("seq").asLong()).containsExactly(3L, 4L, 5L, 6L);
        assertThat(replay.get(2).get("text").asText()).isEqualTo("text 3");
        second.send("{\"type\":\"resume\",\"afterSeq\":7}");
        assertThat(second.next().get("code").asText()).isEqualTo("invalid_resume");
        second.close();
    }

    @Test
    void an_unknown_token_closes_the_socket_with_4401() throws Exception {
        Client c = Client.open("w.forged");
        assertThat(c.closed.get(5, TimeUnit.SECONDS)).isEqualTo(4401);
    }

    @Test
    void bad_frames_get_an_error_and_the_socket_stays_open() throws Exception {
        Client c = Client.open(session().get("token").asText());
        c.next();
        c.send("not json");
        assertThat(c.next().get("code").asText()).isEqualTo("malformed_json");
        c.send("{\"type\":\"message\",\"clientId\":\"x\",\"text\":\"   \"}");
        assertThat(c.next().get("code").asText()).isEqualTo("empty_text");
        c.send("{\"type\":\"message\",\"clientId\":\"x\",\"text\":\"still here\"}");
        assertThat(types(c, 4)).containsExactly("ack:1", "message:customer:1", "typing", "message:bot:2");
        c.close();
    }

    private static JsonNode session() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/widget/sessions"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(201);
        return JSON.readTree(r.body());
    }

    private static String base() {
        return "http://127.0.0.1:" + ceiling.port();
    }

    private static List<String> types(Client c, int n) throws Exception {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            JsonNode f = c.next();
            String type = f.get("type").asText();
            out.add(switch (type) {
                case "ack" -> "ack:" + f.get("seq").asLong();
                case "message" -> "message:" + f.get("role").asText() + ":" + f.get("seq").asLong();
                default -> type;
            });
        }
        return out;
    }

    /** A socket whose frames are queued for the test to take one by one. */
    private static final class Client implements WebSocket.Listener {
        final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket ws;

        static Client open(String token) {
            Client c = new Client();
            c.ws = HTTP.newWebSocketBuilder()
                    .buildAsync(URI.create(base().replace("http", "ws") + "/ws/chat?token=" + token), c).join();
            return c;
        }

        void send(String frame) {
            ws.sendText(frame, true).join();
        }

        JsonNode next() throws InterruptedException {
            JsonNode f = inbox.poll(5, TimeUnit.SECONDS);
            assertThat(f).as("a frame within 5 s").isNotNull();
            return f;
        }

        void close() {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    inbox.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }
    }
}
