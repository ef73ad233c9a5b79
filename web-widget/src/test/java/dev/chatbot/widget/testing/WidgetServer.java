package dev.chatbot.widget.testing;

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

/**
 * The real chat server, started in this JVM with the widget's files on the class path: a free port, its own
 * temporary home (and so its own H2 database). It can be stopped and started again on the same port with the
 * same home, which is what a browser sees when the server restarts or the network goes away and comes back.
 */
public final class WidgetServer implements AutoCloseable {

    private final Map<String, Object> properties = new HashMap<>();
    private final Path home;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private EmbeddedServer server;
    private int port;

    private WidgetServer(Path home) {
        this.home = home;
    }

    public static WidgetServer start() {
        return start(Map.of());
    }

    /** Starts with extra settings on top of the defaults (another training-data folder, its own models folder...). */
    public static WidgetServer start(Map<String, Object> extra) {
        try {
            WidgetServer s = new WidgetServer(Files.createTempDirectory("chatbot-widget-it-"));
            int port = freePort();
            s.properties.put("micronaut.server.port", port);
            // test-pages/foreign-host.html, opened as http://127.0.0.1:PORT, plays a customer's site that embeds
            // the widget: it must be allowed to (the widget's frame-ancestors come from this list)
            s.properties.put("chatbot.widget.allowed-origins", "http://127.0.0.1:" + port);
            s.properties.put("chatbot.home", s.home.toString());
            s.properties.put("chatbot.data-dir", Path.of(System.getProperty("widget.module", "."))
                    .resolve("../training-data").normalize().toString());
            s.properties.put("chatbot.nlu.models-dir", Path.of(System.getProperty("widget.module", "."))
                    .resolve("target/test-models").toAbsolutePath().normalize().toString());
            s.properties.put("chatbot.llm.enabled", false);
            s.properties.putAll(extra);
            s.run();
            s.port = s.server.getPort();
            s.properties.put("micronaut.server.port", s.port);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void run() {
        server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }

    /** Stops the server; open sockets are closed with 1001 (going away). */
    public void stop() {
        if (server != null) {
            server.getApplicationContext().close();
            server = null;
        }
    }

    /** Starts again on the same port with the same home and database. */
    public void startAgain() {
        RuntimeException last = null;
        for (int i = 0; i < 50; i++) {
            try {
                run();
                return;
            } catch (RuntimeException e) { // the port may still be held for a moment
                last = e;
                sleep(200);
            }
        }
        throw last;
    }

    public boolean isRunning() {
        return server != null;
    }

    public ApplicationContext context() {
        if (server == null) {
            throw new IllegalStateException("the server is stopped");
        }
        return server.getApplicationContext();
    }

    public <T> T bean(Class<T> type) {
        return context().getBean(type);
    }

    public String origin() {
        return "http://localhost:" + port;
    }

    public URI uri(String path) {
        return URI.create(origin() + path);
    }

    public HttpResponse<String> get(String path, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
