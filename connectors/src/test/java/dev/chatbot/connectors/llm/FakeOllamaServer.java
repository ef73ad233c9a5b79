package dev.chatbot.connectors.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * TEST DOUBLE of an external service: an in-test HTTP server that speaks the part of Ollama's API the fallback uses
 * ({@code POST /api/chat}, streaming NDJSON or one JSON answer; {@code GET /api/tags}) and, for the OpenAI-compatible
 * provider, {@code POST /v1/chat/completions} as server-sent events and {@code GET /v1/models}. Each chat request is
 * answered by a {@link Script}: tokens, delays, an error status, or a hang. A token may contain {@code {{SYSTEM}}},
 * replaced by the system message it was sent, and {@code {{CANARY}}}, replaced by the canary found in it, so a
 * scripted model can "obey" an attack that asks for its prompt.
 * It records every request body so tests can check what the model saw.
 */
public final class FakeOllamaServer implements AutoCloseable {

    public static final String MODEL = "fake-model:1b";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How to answer one chat request. */
    public record Script(List<String> tokens, Duration firstTokenDelay, Duration tokenDelay, int errorStatus, boolean hangs,
                  boolean hangsAfterTokens, String doneReason) {

        public static Script answer(String... tokens) {
            return new Script(List.of(tokens), Duration.ZERO, Duration.ZERO, 0, false, false, "stop");
        }

        /** The text split into word tokens the way a model streams them ("Hello", " world", "."). */
        public static Script words(String text) {
            List<String> tokens = new ArrayList<>();
            for (String part : text.split("(?<=\\s)")) {
                tokens.add(part);
            }
            return new Script(tokens, Duration.ZERO, Duration.ZERO, 0, false, false, "stop");
        }

        public static Script error(int status) {
            return new Script(List.of(), Duration.ZERO, Duration.ZERO, status, false, false, "stop");
        }

        /** Accepts the request and never answers, not even headers. */
        public static Script hang() {
            return new Script(List.of(), Duration.ZERO, Duration.ZERO, 0, true, false, "stop");
        }

        Script firstTokenAfter(Duration d) {
            return new Script(tokens, d, tokenDelay, errorStatus, hangs, hangsAfterTokens, doneReason);
        }

        Script tokensEvery(Duration d) {
            return new Script(tokens, firstTokenDelay, d, errorStatus, hangs, hangsAfterTokens, doneReason);
        }

        /** Streams its tokens and then stops sending without ending the response. */
        Script thenHang() {
            return new Script(tokens, firstTokenDelay, tokenDelay, errorStatus, hangs, true, doneReason);
        }

        /** Ends as if the token limit ({@code num_predict}) was reached. */
        Script cutAtLimit() {
            return new Script(tokens, firstTokenDelay, tokenDelay, errorStatus, hangs, hangsAfterTokens, "length");
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().factory());
    private final CountDownLatch released = new CountDownLatch(1);
    private final ConcurrentLinkedDeque<Script> queued = new ConcurrentLinkedDeque<>();
    private volatile Function<JsonNode, Script> fallback = request -> Script.answer("NOT_SURE");
    private final List<JsonNode> chatRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger tagRequests = new AtomicInteger();
    private volatile int tagsStatus = 200;

    private FakeOllamaServer(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/api/chat", exchange -> handle(exchange, this::ollamaChat));
        server.createContext("/api/tags", exchange -> handle(exchange, this::tags));
        server.createContext("/v1/chat/completions", exchange -> handle(exchange, this::openAiChat));
        server.createContext("/v1/models", exchange -> handle(exchange, this::tags));
        server.start();
    }

    /** Starts on a free loopback port. */
    public static FakeOllamaServer start() {
        return new FakeOllamaServer(0);
    }

    /** Starts on a given port (to bring a "crashed" server back where the client expects it). */
    static FakeOllamaServer startOn(int port) {
        return new FakeOllamaServer(port);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The next chat requests are answered by these scripts, in order. */
    public FakeOllamaServer enqueue(Script... scripts) {
        queued.addAll(List.of(scripts));
        return this;
    }

    /** Chat requests with nothing queued are answered by this. */
    public FakeOllamaServer otherwise(Function<JsonNode, Script> script) {
        this.fallback = script;
        return this;
    }

    FakeOllamaServer tagsStatus(int status) {
        this.tagsStatus = status;
        return this;
    }

    List<JsonNode> chatRequests() {
        return List.copyOf(chatRequests);
    }

    JsonNode lastChatRequest() {
        return chatRequests.getLast();
    }

    int maxConcurrentChats() {
        return maxInFlight.get();
    }

    int tagRequests() {
        return tagRequests.get();
    }

    /** Every message content of a recorded request, joined. */
    static String allText(JsonNode request) {
        StringBuilder out = new StringBuilder();
        for (JsonNode m : request.path("messages")) {
            out.append(m.path("content").asText()).append('\n');
        }
        return out.toString();
    }

    static String systemText(JsonNode request) {
        for (JsonNode m : request.path("messages")) {
            if ("system".equals(m.path("role").asText())) {
                return m.path("content").asText();
            }
        }
        return "";
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private void handle(HttpExchange exchange, Handler handler) {
        try (exchange) {
            handler.handle(exchange);
        } catch (IOException | InterruptedException e) {
            // the client went away or the server is stopping
        }
    }

    private void tags(HttpExchange exchange) throws IOException {
        tagRequests.incrementAndGet();
        byte[] body = ("{\"models\":[{\"name\":\"" + MODEL + "\",\"model\":\"" + MODEL + "\",\"size\":1000}],"
                + "\"object\":\"list\",\"data\":[{\"id\":\"" + MODEL + "\",\"object\":\"model\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(tagsStatus, body.length);
        exchange.getResponseBody().write(body);
    }

    private Script next(JsonNode request) {
        Script s = queued.pollFirst();
        return s != null ? s : fallback.apply(request);
    }

    private JsonNode record(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        chatRequests.add(request);
        return request;
    }

    private void ollamaChat(HttpExchange exchange) throws IOException, InterruptedException {
        JsonNode request = record(exchange);
        Script script = next(request);
        enter();
        try {
            if (!startAnswer(exchange, script, "{\"error\":\"scripted failure\"}")) {
                return;
            }
            String system = systemText(request);
            boolean stream = request.path("stream").asBoolean(true);
            if (!stream) {
                sleep(script.firstTokenDelay());
                String text = fill(String.join("", script.tokens()), system);
                byte[] body = JSON.writeValueAsBytes(doneLine(text, script.doneReason()));
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            sleep(script.firstTokenDelay());
            boolean first = true;
            for (String token : script.tokens()) {
                if (!first) {
                    sleep(script.tokenDelay());
                }
                first = false;
                out.write(line(chunk(fill(token, system))));
                out.flush();
            }
            if (script.hangsAfterTokens()) {
                released.await();
                return;
            }
            out.write(line(doneLine("", script.doneReason())));
            out.flush();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void openAiChat(HttpExchange exchange) throws IOException, InterruptedException {
        JsonNode request = record(exchange);
        Script script = next(request);
        enter();
        try {
            if (!startAnswer(exchange, script, "{\"error\":{\"message\":\"scripted failure\"}}")) {
                return;
            }
            String system = systemText(request);
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            sleep(script.firstTokenDelay());
            for (String token : script.tokens()) {
                ObjectNode chunk = JSON.createObjectNode().put("id", "c1").put("object", "chat.completion.chunk")
                        .put("model", MODEL);
                ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
                choice.putObject("delta").put("content", fill(token, system));
                choice.putNull("finish_reason");
                out.write(("data: " + JSON.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                sleep(script.tokenDelay());
            }
            if (script.hangsAfterTokens()) {
                released.await();
                return;
            }
            ObjectNode last = JSON.createObjectNode().put("id", "c1").put("object", "chat.completion.chunk")
                    .put("model", MODEL);
            ObjectNode choice = last.putArray("choices").addObject().put("index", 0);
            choice.putObject("delta");
            choice.put("finish_reason", "length".equals(script.doneReason()) ? "length" : "stop");
            out.write(("data: " + JSON.writeValueAsString(last) + "\n\ndata: [DONE]\n\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Handles the error and hang scripts; returns whether a normal answer should follow. */
    private boolean startAnswer(HttpExchange exchange, Script script, String errorBody)
            throws IOException, InterruptedException {
        if (script.hangs()) {
            released.await();
            return false;
        }
        if (script.errorStatus() != 0) {
            byte[] body = errorBody.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(script.errorStatus(), body.length);
            exchange.getResponseBody().write(body);
            return false;
        }
        return true;
    }

    private static String fill(String token, String system) {
        java.util.regex.Matcher canary = java.util.regex.Pattern.compile("CANARY-[0-9a-f]+").matcher(system);
        return token.replace("{{SYSTEM}}", system).replace("{{CANARY}}", canary.find() ? canary.group() : "");
    }

    private void enter() {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
    }

    private static ObjectNode chunk(String content) {
        ObjectNode n = JSON.createObjectNode().put("model", MODEL).put("created_at", Instant.now().toString());
        n.putObject("message").put("role", "assistant").put("content", content);
        n.put("done", false);
        return n;
    }

    private static ObjectNode doneLine(String content, String reason) {
        ObjectNode n = JSON.createObjectNode().put("model", MODEL).put("created_at", Instant.now().toString());
        n.putObject("message").put("role", "assistant").put("content", content);
        n.put("done", true).put("done_reason", reason).put("total_duration", 1_000_000).put("prompt_eval_count", 42)
                .put("eval_count", 7);
        return n;
    }

    private static byte[] line(JsonNode node) throws IOException {
        return (JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private void sleep(Duration d) throws InterruptedException {
        if (!d.isZero() && released.await(d.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new InterruptedException("server stopping");
        }
    }

}
