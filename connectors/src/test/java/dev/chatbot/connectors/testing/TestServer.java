package dev.chatbot.connectors.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The real server, started in this JVM on a free port with its own home folder (and so its own H2 database). */
public final class TestServer implements AutoCloseable {

    /**
     * Settings that lift the per-socket and per-address limits, for tests whose crowd of customers all come from
     * this one machine's address and send as fast as the bot answers (as bench/gateway-load.sh does).
     */
    public static final Map<String, String> LOAD_FROM_ONE_ADDRESS = Map.of(
            "chatbot.widget.rate-limit-burst", "1000",
            "chatbot.widget.rate-limit-per-minute", "100000",
            "chatbot.widget.frame-burst", "100000",
            "chatbot.widget.frames-per-second", "100000",
            "chatbot.network.session-burst", "100000",
            "chatbot.network.sessions-per-minute", "1000000",
            "chatbot.network.max-sockets-per-address", "100000",
            "chatbot.network.message-burst", "100000",
            "chatbot.network.messages-per-minute", "10000000");

    /** {@code settings} on top of {@link #LOAD_FROM_ONE_ADDRESS}. */
    public static Map<String, Object> withLoadFromOneAddress(Map<String, ?> settings) {
        Map<String, Object> all = new HashMap<>(LOAD_FROM_ONE_ADDRESS);
        all.putAll(settings);
        return all;
    }

    private final Path home;
    private final Map<String, Object> properties;
    private EmbeddedServer server;
    /** Whether the home folder was made for this server (and is deleted with it) or given by the test. */
    private boolean ownsHome;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(Path home, Map<String, Object> properties) {
        this.home = home;
        this.properties = properties;
    }

    public static TestServer start(Map<String, Object> extra) {
        try {
            TestServer s = start(Files.createTempDirectory("chatbot-it-"), extra);
            s.ownsHome = true;
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestServer start(Path home, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("chatbot.home", home.toString());
        // the default bot, trained once per test run into a shared models folder (the first server trains, the
        // others load the active version because the data is the same)
        props.put("chatbot.data-dir", Path.of("..", "training-data").toAbsolutePath().normalize().toString());
        props.put("chatbot.nlu.models-dir", Path.of("target", "test-models").toAbsolutePath().toString());
        // a local Ollama on a developer's machine must not change the results
        props.put("chatbot.llm.enabled", false);
        props.putAll(extra);
        TestServer s = new TestServer(home, props);
        s.startAgain();
        return s;
    }

    /** Starts again after {@link #stop()}, on a new port, with the same home folder and settings. */
    public void startAgain() {
        server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }

    public void stop() {
        if (server != null) {
            server.getApplicationContext().close();
            server = null;
        }
    }

    public Path home() {
        return home;
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    public URI http(String path) {
        return URI.create("http://localhost:" + server.getPort() + path);
    }

    public URI ws(String path) {
        return URI.create("ws://localhost:" + server.getPort() + path);
    }

    public int port() {
        return server.getPort();
    }

    /** A new widget session: {conversationId, token}. */
    public WidgetSession newSession() {
        HttpResponse<String> r = post("/api/widget/sessions", "{\"locale\":\"en\"}");
        if (r.statusCode() != 201) {
            throw new IllegalStateException("session refused: " + r.statusCode() + " " + r.body());
        }
        var node = Frames.parse(r.body());
        return new WidgetSession(node.get("conversationId").asText(), node.get("token").asText());
    }

    public HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(http(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> get(String path, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(http(path)).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public ChatClient connect(WidgetSession session) {
        return ChatClient.connect(ws("/ws/chat?token=" + session.token()), Map.of());
    }

    @Override
    public void close() {
        stop();
        if (ownsHome) {
            deleteTree(home);
        }
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is not worth failing a test over
        }
    }

    /** A conversation and its token. */
    public record WidgetSession(String conversationId, String token) {
    }
}
