package dev.chatbot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load on the chat gateway: each virtual user opens a widget session and a socket, then sends a message,
 * waits for its {@code ack} and for the bot's reply, and sends the next one. Reports turns per second and latency
 * percentiles of the ack (message stored) and of the reply (whole bot turn), measured on the client.
 *
 * <pre>
 * java -cp bench/target/classes:... dev.chatbot.bench.ChatLoad --url http://localhost:8080 --users 50 --seconds 30
 * </pre>
 */
public final class ChatLoad {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final int users;
    private final Duration warmup;
    private final Duration measure;
    private final List<String> texts;
    private final AtomicLong handovers = new AtomicLong();
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicBoolean measuring = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong errors = new AtomicLong();
    private final java.util.Map<String, AtomicLong> errorKinds = new java.util.concurrent.ConcurrentHashMap<>();
    private final Recorder ack = new Recorder();
    private final Recorder reply = new Recorder();

    ChatLoad(URI base, int users, Duration warmup, Duration measure, List<String> texts) {
        this.base = base;
        this.users = users;
        this.warmup = warmup;
        this.measure = measure;
        this.texts = List.copyOf(texts);
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(option(args, "--url", "http://localhost:8080"));
        int users = Integer.parseInt(option(args, "--users", "50"));
        int seconds = Integer.parseInt(option(args, "--seconds", "30"));
        int warm = Integer.parseInt(option(args, "--warmup", "10"));
        String textsFile = option(args, "--texts", null);
        List<String> texts = textsFile != null
                ? java.nio.file.Files.readAllLines(java.nio.file.Path.of(textsFile)).stream().map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()
                : List.of(option(args, "--text", "how long does shipping take?"));
        ChatLoad load = new ChatLoad(url, users, Duration.ofSeconds(warm), Duration.ofSeconds(seconds), texts);
        System.out.println(load.run());
    }

    private static String option(String[] args, String name, String fallback) {
        int i = Arrays.asList(args).indexOf(name);
        return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
    }

    String run() throws Exception {
        CountDownLatch ready = new CountDownLatch(users);
        List<Thread> threads = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int user = u;
            threads.add(Thread.ofVirtual().start(() -> user(user, ready)));
        }
        if (!ready.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("users could not connect within 60 s");
        }
        Thread.sleep(warmup.toMillis());
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(measure.toMillis());
        measuring.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        running.set(false);
        for (Thread t : threads) {
            t.join(5000);
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("users", users);
        out.put("seconds", Math.round(elapsed * 10) / 10.0);
        out.put("turns", reply.count());
        out.put("turns_per_second", Math.round(reply.count() / elapsed * 10) / 10.0);
        out.put("messages_per_second", Math.round(2 * reply.count() / elapsed * 10) / 10.0);
        out.set("ack_ms", ack.summary());
        out.set("reply_ms", reply.summary());
        out.put("distinct_texts", texts.size());
        out.put("handovers", handovers.get());
        out.put("errors", errors.get());
        ObjectNode kinds = out.putObject("error_kinds");
        errorKinds.forEach((k, v) -> kinds.put(k, v.get()));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out);
    }

    private WebSocket open(LinkedBlockingQueue<JsonNode> inbox) throws Exception {
        HttpResponse<String> session = http.send(HttpRequest.newBuilder(base.resolve("/api/widget/sessions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        String token = JSON.readTree(session.body()).get("token").asText();
        URI ws = URI.create(base.toString().replaceFirst("^http", "ws") + "/ws/chat?token=" + token);
        return http.newWebSocketBuilder().buildAsync(ws, new Collector(inbox)).join();
    }

    /**
     * One virtual customer. Texts are taken in turn from the list (offset by user so users differ). When the bot hands
     * the conversation to a person (the state becomes waiting_for_agent), the customer starts a new conversation: a
     * bot that escalates is working as designed, and a waiting conversation gets no more bot answers.
     */
    private void user(int user, CountDownLatch ready) {
        LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
        WebSocket ws;
        try {
            ws = open(inbox);
        } catch (Exception e) {
            error("connect: " + e.getClass().getSimpleName());
            ready.countDown();
            return;
        }
        ready.countDown();
        long n = 0;
        try {
            while (running.get()) {
                String clientId = "u" + user + "-" + (n++);
                String text = texts.get((int) ((user * 7L + n) % texts.size()));
                long t0 = System.nanoTime();
                ws.sendText("{\"type\":\"message\",\"clientId\":\"" + clientId + "\",\"text\":"
                        + JSON.writeValueAsString(text) + "}", true).join();
                long seq = -1;
                long tAck = 0;
                long tReply = 0;
                boolean handedOver = false;
                while (tReply == 0 && !handedOver) {
                    JsonNode f = inbox.poll(30, TimeUnit.SECONDS);
                    if (f == null) {
                        error("timeout");
                        break;
                    }
                    String type = f.path("type").asText();
                    if (type.equals("ack") && clientId.equals(f.path("clientId").asText())) {
                        seq = f.get("seq").asLong();
                        tAck = System.nanoTime();
                    } else if (type.equals("message") && seq > 0 && f.path("seq").asLong() > seq
                            && !f.path("role").asText().equals("customer")) {
                        // the server acknowledges a message before anything else about it
                        tReply = System.nanoTime();
                    } else if (type.equals("state") && f.path("state").asText().equals("waiting_for_agent")) {
                        handedOver = true;
                    } else if (type.equals("error")) {
                        error(f.path("code").asText());
                        break;
                    }
                }
                if (tReply > 0 && measuring.get()) {
                    ack.record(tAck - t0);
                    reply.record(tReply - t0);
                }
                if (handedOver) {
                    // drain the escalation's own reply, then carry on in a new conversation
                    if (measuring.get()) {
                        handovers.incrementAndGet();
                    }
                    ws.sendClose(WebSocket.NORMAL_CLOSURE, "handed over");
                    inbox.clear();
                    ws = open(inbox);
                }
            }
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        } catch (Exception e) {
            error(e.getClass().getSimpleName());
        }
    }

    private void error(String kind) {
        if (running.get()) {
            errors.incrementAndGet();
            errorKinds.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        }
    }

    private static final class Collector implements WebSocket.Listener {
        private final LinkedBlockingQueue<JsonNode> inbox;
        private final StringBuilder partial = new StringBuilder();

        Collector(LinkedBlockingQueue<JsonNode> inbox) {
            this.inbox = inbox;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    inbox.add(JSON.readTree(partial.toString()));
                } catch (Exception ignored) {
                    // counted as a missing reply
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    /** Latency samples in nanoseconds, summarised in milliseconds. */
    static final class Recorder {
        private long[] values = new long[1 << 16];
        private int size;

        synchronized void record(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        synchronized long count() {
            return size;
        }

        synchronized ObjectNode summary() {
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            ObjectNode s = JSON.createObjectNode();
            s.put("p50", ms(percentile(sorted, 0.50)));
            s.put("p90", ms(percentile(sorted, 0.90)));
            s.put("p99", ms(percentile(sorted, 0.99)));
            s.put("max", ms(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
            return s;
        }

        private static long percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
        }

        private static double ms(long nanos) {
            return Double.parseDouble(String.format(Locale.ROOT, "%.2f", nanos / 1e6));
        }
    }
}
