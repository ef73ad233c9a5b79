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
 * percentiles of the ack (message stored) and of the reply (whole bot turn), measured on the client. With
 * {@code --metrics-url} (and the token in {@code BENCH_METRICS_TOKEN}) it also reads the server's own latency histograms
 * (Prometheus text, {@code chatbot_gateway_*_seconds}) when the measurement starts and when it ends, and reports the
 * server-side percentiles of exactly that window, interpolated within the histogram's buckets.
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
    private URI metrics;
    private String metricsToken;
    private long serverPid = -1;

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
        load.serverPid = Long.parseLong(option(args, "--server-pid", "-1"));
        String metricsUrl = option(args, "--metrics-url", null);
        if (metricsUrl != null) {
            load.metrics = URI.create(metricsUrl);
            load.metricsToken = System.getenv("BENCH_METRICS_TOKEN");
        }
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
        ServerHistograms before = metrics == null ? null : scrape();
        long clientCpu0 = clientCpuNanos();
        long serverCpu0 = serverCpuNanos();
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(measure.toMillis());
        measuring.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long clientCpu = clientCpuNanos() - clientCpu0;
        long serverCpu = serverCpuNanos() - serverCpu0;
        ServerHistograms after = metrics == null ? null : scrape();
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
        if (after != null) {
            ObjectNode side = out.putObject("server_side");
            side.set("turn_ms", after.minus(before, "chatbot_gateway_bot_turn_seconds"));
            side.set("ack_ms", after.minus(before, "chatbot_gateway_ack_seconds"));
        }
        // CPU time of the whole process (all threads) during the measured window, per completed turn
        ObjectNode cpu = out.putObject("cpu_ms_per_turn");
        cpu.put("client", perTurn(clientCpu));
        if (serverPid > 0) {
            cpu.put("server", perTurn(serverCpu));
        }
        out.put("distinct_texts", texts.size());
        out.put("handovers", handovers.get());
        out.put("errors", errors.get());
        ObjectNode kinds = out.putObject("error_kinds");
        errorKinds.forEach((k, v) -> kinds.put(k, v.get()));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out);
    }

    private double perTurn(long cpuNanos) {
        long turns = reply.count();
        return turns == 0 || cpuNanos < 0 ? 0 : Math.round(cpuNanos / 1e6 / turns * 1000) / 1000.0;
    }

    private static long clientCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
    }

    private long serverCpuNanos() {
        return serverPid <= 0 ? -1 : ProcessHandle.of(serverPid).flatMap(p -> p.info().totalCpuDuration())
                .map(java.time.Duration::toNanos).orElse(-1L);
    }

    private ServerHistograms scrape() throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(metrics).GET();
        if (metricsToken != null && !metricsToken.isBlank()) {
            request.header("Authorization", "Bearer " + metricsToken);
        }
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("metrics: HTTP " + r.statusCode() + " from " + metrics);
        }
        return ServerHistograms.parse(r.body());
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
                    // a fresh inbox: frames the old socket still delivers must not pass for the new one's
                    inbox = new LinkedBlockingQueue<>();
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

    /** Cumulative bucket counts of Prometheus histograms, by metric name: upper bound in seconds -> count. */
    record ServerHistograms(java.util.Map<String, java.util.TreeMap<Double, Long>> buckets) {

        static ServerHistograms parse(String text) {
            java.util.Map<String, java.util.TreeMap<Double, Long>> out = new java.util.HashMap<>();
            for (String line : text.split("\n")) {
                int brace = line.indexOf("_bucket{le=\"");
                if (line.startsWith("#") || brace < 0) {
                    continue;
                }
                String name = line.substring(0, brace);
                int q = brace + "_bucket{le=\"".length();
                String le = line.substring(q, line.indexOf('"', q));
                long count = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1).strip());
                out.computeIfAbsent(name, k -> new java.util.TreeMap<>())
                        .put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), count);
            }
            return new ServerHistograms(out);
        }

        /** Percentiles in milliseconds of what {@code name} recorded between {@code earlier} and this read. */
        ObjectNode minus(ServerHistograms earlier, String name) {
            java.util.TreeMap<Double, Long> now = buckets.getOrDefault(name, new java.util.TreeMap<>());
            java.util.TreeMap<Double, Long> then = earlier.buckets.getOrDefault(name, new java.util.TreeMap<>());
            double[] bounds = now.keySet().stream().mapToDouble(Double::doubleValue).toArray();
            long[] cumulative = new long[bounds.length];
            for (int i = 0; i < bounds.length; i++) {
                cumulative[i] = now.get(bounds[i]) - then.getOrDefault(bounds[i], 0L);
            }
            long total = cumulative.length == 0 ? 0 : cumulative[cumulative.length - 1];
            ObjectNode s = JSON.createObjectNode();
            s.put("count", total);
            for (double p : new double[]{0.50, 0.95, 0.99}) {
                s.put("p" + Math.round(p * 100), total == 0 ? 0 : Math.round(quantile(bounds, cumulative, p * total)
                        * 1000 * 100) / 100.0);
            }
            return s;
        }

        /** Linear interpolation inside the bucket that holds the {@code rank}-th sample (seconds). */
        static double quantile(double[] bounds, long[] cumulative, double rank) {
            for (int i = 0; i < bounds.length; i++) {
                if (cumulative[i] >= rank) {
                    double lower = i == 0 ? 0 : bounds[i - 1];
                    if (Double.isInfinite(bounds[i])) {
                        return lower;
                    }
                    long below = i == 0 ? 0 : cumulative[i - 1];
                    long inBucket = cumulative[i] - below;
                    return inBucket == 0 ? bounds[i] : lower + (bounds[i] - lower) * (rank - below) / inBucket;
                }
            }
            return 0;
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
