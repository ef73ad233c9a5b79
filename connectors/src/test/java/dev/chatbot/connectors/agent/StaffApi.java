package dev.chatbot.connectors.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatbot.connectors.testing.Frames;
import dev.chatbot.connectors.testing.TestServer;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Calls the staff APIs of a {@link TestServer} the way the console does: JSON bodies, bearer tokens, and the
 * {@code Origin} of the server's own pages on state-changing calls.
 */
public final class StaffApi {

    /** Admin created from the environment-style settings in {@link #settings()}. */
    public static final String ADMIN = "root";
    public static final String ADMIN_PASSWORD = "root-password-for-tests";
    public static final String AGENT_PASSWORD = "agent-password-for-tests";

    private final TestServer server;

    public StaffApi(TestServer server) {
        this.server = server;
    }

    /** Server settings for staff tests: a first admin, and fewer hash iterations so sign-in is quick. */
    public static Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("chatbot.admin.username", ADMIN);
        s.put("chatbot.admin.password", ADMIN_PASSWORD);
        s.put("chatbot.admin.display-name", "Root Admin");
        s.put("chatbot.auth.password-iterations", 20_000);
        return s;
    }

    public String origin() {
        return "http://localhost:" + server.port();
    }

    public HttpResponse<String> login(String username, String password) {
        return post("/api/auth/login", null, Frames.JSON.createObjectNode().put("username", username)
                .put("password", password).toString());
    }

    /** Signs in and returns the token, failing the test when sign-in fails. */
    public String token(String username, String password) {
        HttpResponse<String> r = login(username, password);
        if (r.statusCode() != 200) {
            throw new AssertionError("sign-in of " + username + " failed: " + r.statusCode() + " " + r.body());
        }
        return Frames.parse(r.body()).get("token").asText();
    }

    public String adminToken() {
        return token(ADMIN, ADMIN_PASSWORD);
    }

    /** Creates an agent through the admin API and returns their token. */
    public String newAgent(String username, String displayName) {
        HttpResponse<String> r = post("/api/admin/users", adminToken(), Frames.JSON.createObjectNode()
                .put("username", username).put("displayName", displayName).put("role", "agent")
                .put("password", AGENT_PASSWORD).toString());
        if (r.statusCode() != 201) {
            throw new AssertionError("could not create " + username + ": " + r.statusCode() + " " + r.body());
        }
        return token(username, AGENT_PASSWORD);
    }

    public HttpResponse<String> get(String path, String token) {
        return server.get(path, token);
    }

    public HttpResponse<String> post(String path, String token, String body) {
        return send("POST", path, token, body, Map.of("Origin", origin()));
    }

    public HttpResponse<String> patch(String path, String token, String body) {
        return send("PATCH", path, token, body, Map.of("Origin", origin()));
    }

    public HttpResponse<String> send(String method, String path, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.http(path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        return server.send(b.build());
    }

    public static JsonNode json(HttpResponse<String> r) {
        return Frames.parse(r.body());
    }
}
