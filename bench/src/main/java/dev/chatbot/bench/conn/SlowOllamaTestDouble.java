package dev.chatbot.bench.conn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TEST DOUBLE of an external service: a slow model server speaking the part of Ollama's API the fallback uses
 * ({@code POST /api/chat} streaming NDJSON, {@code GET /api/tags}). Every answer is the same harmless sentence,
 * streamed word by word over a time drawn between {@code --min-seconds} and {@code --max-seconds}, as a small model
 * on a CPU would. {@code GET /stats} tells how many chat requests it got and the most it served at once, so a load
 * run can show that the server never sent it more than its limit.
 *
 * <pre>
 * java -cp ... dev.chatbot.bench.conn.SlowOllamaTestDouble --port 18290 --min-seconds 5 --max-seconds 20
 * </pre>
 */
public final class SlowOllamaTestDouble {

    /** Words every generated answer contains, so a load client can tell a generated answer from the bot's own. */
    static final String MARK = "for most outdoor trips";
    static final String MODEL = "slow-test-double:1b";
    private static final String ANSWER = "Going by our product pages, it is a sound choice " + MARK
            + " and it is made to handle wet and windy weather well.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final Random random = new Random(7);
    private final double minSeconds;
    private final double maxSeconds;

    private SlowOllamaTestDouble(double minSeconds, double maxSeconds) {
        this.minSeconds = minSeconds;
        this.maxSeconds = maxSeconds;
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(ConnectionLoad.option(args, "--port", "18290"));
        SlowOllamaTestDouble model = new SlowOllamaTestDouble(
                Double.parseDouble(ConnectionLoad.option(args, "--min-seconds", "5")),
                Double.parseDouble(ConnectionLoad.option(args, "--max-seconds", "20")));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/chat", e -> model.handle(e, true));
        server.createContext("/api/tags", e -> model.handle(e, false));
        server.createContext("/stats", model::stats);
        server.start();
        System.err.println("slow Ollama test double on http://127.0.0.1:" + port);
    }

    private void handle(HttpExchange exchange, boolean chat) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if (!chat) {
                byte[] body = ("{\"models\":[{\"name\":\"" + MODEL + "\",\"model\":\"" + MODEL + "\",\"size\":1000}]}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            requests.incrementAndGet();
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try {
                double seconds;
                synchronized (random) {
                    seconds = minSeconds + random.nextDouble() * (maxSeconds - minSeconds);
                }
                String[] words = ANSWER.split("(?<= )");
                long pause = (long) (seconds * 1000 / words.length);
                exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                for (String word : words) {
                    Thread.sleep(pause);
                    out.write(line(word, false));
                    out.flush();
                }
                out.write(line("", true));
                out.flush();
                completed.incrementAndGet();
            } catch (InterruptedException | IOException e) {
                // the server gave up on the answer (its time limit) or went away
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    private static byte[] line(String content, boolean done) throws IOException {
        var node = JSON.createObjectNode().put("model", MODEL).put("created_at", Instant.now().toString());
        node.putObject("message").put("role", "assistant").put("content", content);
        node.put("done", done);
        if (done) {
            node.put("done_reason", "stop");
        }
        return (JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private void stats(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = JSON.createObjectNode().put("chat_requests", requests.get()).put("completed", completed.get())
                    .put("in_flight", inFlight.get()).put("max_in_flight", maxInFlight.get()).toString()
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }
}
