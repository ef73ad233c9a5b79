package dev.chatbot.connectors.http;

import dev.chatbot.connectors.testing.RawWebSocket;
import dev.chatbot.connectors.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security headers of the JSON APIs, errors included, and the chat socket's origin check on a server whose
 * widget two shop sites may embed. The pages (served from the web-widget jar) are checked in web-widget's
 * EmbeddingIT, in a real browser.
 */
class SecurityHeadersIT {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("chatbot.widget.allowed-origins", "https://shop.example,https://Other.example:8443"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path) {
        return server.send(HttpRequest.newBuilder(server.http(path)).GET().build());
    }

    private static void assertBaseline(HttpResponse<String> r) {
        assertThat(r.headers().allValues("X-Content-Type-Options")).as(r.uri().toString()).containsExactly("nosniff");
        assertThat(r.headers().allValues("Referrer-Policy")).as(r.uri().toString()).containsExactly("no-referrer");
    }

    @Test
    void every_api_answer_carries_the_headers_including_errors() {
        HttpResponse<String> created = server.post("/api/widget/sessions", "{\"locale\":\"en\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertBaseline(created);
        HttpResponse<String> bad = server.post("/api/widget/sessions", "{not json");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertBaseline(bad);
        HttpResponse<String> unauthorised = get("/api/agent/conversations");
        assertThat(unauthorised.statusCode()).isEqualTo(401);
        assertBaseline(unauthorised);
        HttpResponse<String> admin = get("/api/admin/intents");
        assertThat(admin.statusCode()).isEqualTo(401);
        assertBaseline(admin);
        HttpResponse<String> missing = get("/api/no-such-thing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertBaseline(missing);
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertBaseline(health);
    }

    @Test
    void with_allowed_origins_listed_the_servers_own_pages_may_still_open_the_chat_socket() throws IOException {
        var s = server.newSession();
        String path = "/ws/chat?token=" + s.token();
        // the widget frame runs on the chat server's own origin
        try (RawWebSocket own = RawWebSocket.connect(server.port(), path, "chat.example", "https://chat.example")) {
            assertThat(own.readFrame().text()).contains("\"state\"");
        }
        try (RawWebSocket listed = RawWebSocket.connect(server.port(), path, "chat.example", "https://shop.example")) {
            assertThat(listed.readFrame().text()).contains("\"state\"");
        }
        try (RawWebSocket foreign = RawWebSocket.connect(server.port(), path, "chat.example", "https://evil.example")) {
            assertThat(foreign.awaitCloseCode()).isEqualTo(1008);
        }
    }
}
