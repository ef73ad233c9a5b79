package dev.chatbot.connectors.faults;

import dev.chatbot.connectors.testing.Frames;
import dev.chatbot.connectors.testing.TestServer.WidgetSession;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real server as a separate operating-system process, started the way the launcher starts it
 * ({@code dev.chatbot.connectors.Main serve --port N --home DIR --data DIR}, class path {@code target/classes} and
 * {@code target/lib/*}), so that a test can kill it with SIGKILL and start it again on the same home folder.
 * Settings that the launcher has no option for are passed as {@code -Dkey=value}, as {@code CHATBOT_JAVA_OPTS} would.
 * Standard output and error go to {@code server-N.log} in the home folder; a start that fails shows its tail.
 */
final class ServerProcess implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path home;
    private final int port;
    private final Map<String, String> properties;
    private final List<String> command;
    private Process process;
    private Path log;
    private int starts;

    private ServerProcess(Path home, int port, Map<String, String> properties, List<String> command) {
        this.home = home;
        this.port = port;
        this.properties = properties;
        this.command = command;
    }

    /**
     * Starts the server on a free port with the test defaults of {@code TestServer} (the default bot from the shared
     * models folder, no LLM) plus {@code extra}.
     */
    static ServerProcess start(Path home, Map<String, String> extra) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("chatbot.nlu.models-dir", Path.of("target", "test-models").toAbsolutePath().toString());
        props.put("chatbot.llm.enabled", "false");
        props.putAll(extra);
        ServerProcess p = new ServerProcess(home, freePort(), props, null);
        p.startAgain();
        return p;
    }

    /** Starts again (after {@link #kill()} or {@link #stop()}) on the same port, home folder and settings. */
    void startAgain() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the server is still running");
        }
        starts++;
        log = home.resolve("server-" + starts + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-Xmx768m");
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add("dev.chatbot.connectors.Main");
        cmd.addAll(List.of("serve", "--port", Integer.toString(port), "--home", home.toString(),
                "--data", Path.of("..", "training-data").toAbsolutePath().normalize().toString()));
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the server process", e);
        }
        awaitServing();
    }

    private void awaitServing() {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (logText().contains("chatbot: serving on")) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + " while starting:\n"
                        + tail());
            }
            sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the server did not start within " + START_LIMIT + ":\n" + tail());
    }

    /**
     * Kills the process with SIGKILL (no shutdown hook, no graceful close, no database shutdown) and waits until it is
     * gone.
     *
     * @return the exit status the operating system reported (137 for a SIGKILL)
     */
    int kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the server did not die within 10 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /** Stops the server with SIGTERM (graceful), killing it if it takes longer than 20 seconds. */
    void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    Path home() {
        return home;
    }

    int port() {
        return port;
    }

    URI http(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    URI ws(String path) {
        return URI.create("ws://localhost:" + port + path);
    }

    /** A new widget session on this server. */
    WidgetSession newSession() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(http("/api/widget/sessions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"locale\":\"en\"}")).build());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("session refused: " + r.statusCode() + " " + r.body());
        }
        var node = Frames.parse(r.body());
        return new WidgetSession(node.get("conversationId").asText(), node.get("token").asText());
    }

    HttpResponse<String> get(String path, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(http(path)).timeout(Duration.ofSeconds(20)).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Everything the current (or last) process wrote. */
    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private String tail() {
        List<String> lines = logText().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * The launcher's class path when the build made it ({@code target/classes} and {@code target/lib/*}); otherwise
     * (a test run from an IDE) this JVM's own class path.
     */
    private static String classPath() {
        Path classes = Path.of("target", "classes").toAbsolutePath();
        Path lib = Path.of("target", "lib").toAbsolutePath();
        if (Files.isDirectory(classes) && Files.isDirectory(lib)) {
            return classes + File.pathSeparator + lib + File.separator + "*";
        }
        return System.getProperty("java.class.path");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
