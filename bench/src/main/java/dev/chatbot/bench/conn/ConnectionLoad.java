package dev.chatbot.bench.conn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Connection scale: opens {@code --connections} widget sessions and sockets, holds them idle, then keeps the first
 * {@code --active} of them chatting for {@code --chat-seconds} (each sends a message, waits for the answer, thinks for
 * about {@code --think-ms}, sends the next; texts from {@code --texts}). With {@code --pid}, the server's heap is read
 * through {@code jcmd} with no sockets open and with all of them open and idle (after a full GC), and the class
 * histogram's growth is reported per connection.
 *
 * <p>With {@code --warmup-seconds}, the active clients first chat that long untimed, so that the latencies are those
 * of a warmed-up server. The counters still count the warm-up's turns; {@code warmup_counters} has them as they stood
 * after it.
 *
 * <p>With {@code --llm-texts} and {@code --llm-share}, that share of the messages are questions only the LLM fallback
 * answers; their round trips are reported apart from the others ({@code bot_reply_ms} against {@code llm_reply_ms}),
 * with what their senders were told.
 *
 * <pre>
 * java -cp ... dev.chatbot.bench.conn.ConnectionLoad --url http://localhost:18200 --connections 10000 --active 1000 \
 *     --chat-seconds 60 --think-ms 5000 --texts bench/messages.txt --pid 1234
 * </pre>
 */
public final class ConnectionLoad {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConnectionLoad() {
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(option(args, "--url", "http://localhost:18200"));
        int connections = Integer.parseInt(option(args, "--connections", "10000"));
        int active = Math.min(connections, Integer.parseInt(option(args, "--active", "1000")));
        int chatSeconds = Integer.parseInt(option(args, "--chat-seconds", "60"));
        long thinkMs = Long.parseLong(option(args, "--think-ms", "5000"));
        long replyTimeoutMs = Long.parseLong(option(args, "--reply-timeout-ms", "60000"));
        List<String> texts = readTexts(option(args, "--texts", "bench/messages.txt"));
        String llmFile = option(args, "--llm-texts", null);
        List<String> llmTexts = llmFile == null ? List.of() : readTexts(llmFile);
        double llmShare = llmTexts.isEmpty() ? 0 : Double.parseDouble(option(args, "--llm-share", "0.1"));
        String pid = option(args, "--pid", null);
        HeapProbe probe = pid == null ? null : new HeapProbe(option(args, "--jcmd", "jcmd"), Long.parseLong(pid));
        int openConcurrency = Integer.parseInt(option(args, "--open-concurrency", "200"));
        String label = option(args, "--label", "server");
        int warmupSeconds = Integer.parseInt(option(args, "--warmup-seconds", "0"));

        ObjectNode out = JSON.createObjectNode();
        out.put("label", label);
        out.put("url", url.toString());
        out.put("connections", connections);
        out.put("active", active);
        out.put("think_ms", thinkMs);
        out.put("chat_seconds", chatSeconds);
        out.put("llm_share", llmShare);
        Tally tally = new Tally();
        Random random = new Random(42);
        try (WidgetNetwork net = new WidgetNetwork(url, Integer.parseInt(option(args, "--threads", "2")))) {
            long t0 = System.nanoTime();
            List<WidgetNetwork.Session> sessions = net.createSessions(connections, 16, tally);
            double sessionSeconds = seconds(t0);
            out.put("sessions_created", sessions.size());
            out.put("sessions_per_second", round(sessions.size() / sessionSeconds));
            log("%d sessions in %.1f s", sessions.size(), sessionSeconds);

            HeapProbe.Snapshot empty = null;
            if (probe != null) {
                empty = probe.snapshot();
                out.put("heap_used_mb_no_sockets", round(empty.usedBytes() / 1048576.0));
                log("heap with no sockets: %.1f MB", empty.usedBytes() / 1048576.0);
            }

            List<WidgetClient> clients = new ArrayList<>(sessions.size());
            for (int i = 0; i < sessions.size(); i++) {
                WidgetClient c = new WidgetClient(i, sessions.get(i), tally, true);
                c.onLost(() -> net.reconnectLater(c, tally));
                clients.add(c);
            }
            t0 = System.nanoTime();
            int opened = openAll(net, clients, openConcurrency, tally);
            double openSeconds = seconds(t0);
            out.put("sockets_opened", opened);
            out.put("sockets_per_second", round(opened / openSeconds));
            log("%d sockets open in %.1f s", opened, openSeconds);
            Thread.sleep(3000);

            if (probe != null) {
                HeapProbe.Snapshot idle = probe.snapshot();
                int open = countOpen(clients);
                out.put("heap_used_mb_idle_sockets", round(idle.usedBytes() / 1048576.0));
                out.put("sockets_open_at_heap_reading", open);
                out.put("heap_kb_per_idle_connection",
                        round((idle.usedBytes() - empty.usedBytes()) / 1024.0 / Math.max(1, open)));
                out.set("heap_growth_by_class", HeapProbe.growth(empty, idle, Math.max(1, open), 25));
                log("heap with %d idle sockets: %.1f MB (%.2f KB each)", open, idle.usedBytes() / 1048576.0,
                        (idle.usedBytes() - empty.usedBytes()) / 1024.0 / Math.max(1, open));
            }

            List<WidgetClient> chatting = clients.subList(0, Math.min(active, clients.size()));
            if (warmupSeconds > 0) {
                // a server just started runs interpreted code and loads classes on its first turns of each kind;
                // those turns are chatted but not timed
                chat(net, chatting, texts, llmTexts, llmShare, thinkMs, replyTimeoutMs, warmupSeconds, tally, random);
                out.put("warmup_seconds", warmupSeconds);
                out.put("warmup_sent", tally.get("sent"));
                out.set("warmup_counters", tally.counters());
            }
            tally.clearLatencies();
            chat(net, chatting, texts, llmTexts, llmShare, thinkMs, replyTimeoutMs, chatSeconds, tally, random);
            out.put("sockets_open_after_chat", countOpen(clients));
            if (probe != null) {
                HeapProbe.Snapshot after = probe.snapshot();
                out.put("heap_used_mb_after_chat", round(after.usedBytes() / 1048576.0));
            }
            out.set("ack_ms", tally.ack.summary());
            out.set("reply_ms", tally.reply.summary());
            if (llmShare > 0) {
                out.set("bot_reply_ms", tally.botReply.summary());
                out.set("llm_reply_ms", tally.llmReply.summary());
            }
            int missing = 0;
            for (WidgetClient c : clients) {
                missing += c.missing();
            }
            tally.add("seq_missing", missing);
            out.set("counters", tally.counters());
            for (WidgetClient c : clients) {
                c.closeNormally();
            }
            Thread.sleep(1000);
        }
        String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out);
        System.out.println(json);
        String outFile = option(args, "--out", null);
        if (outFile != null) {
            Files.writeString(Path.of(outFile), json);
        }
        long faults = tally.get("unanswered") + tally.get("unacked") + tally.get("closed_by_server")
                + tally.get("stored_twice") + tally.get("seq_missing") + tally.get("seq_out_of_order")
                + tally.get("session_failed") + tally.get("open_failed") + tally.get("reconnect_failed");
        for (var name : tally.counters().properties()) {
            if (name.getKey().startsWith("error_")) {
                faults += name.getValue().asLong();
            }
        }
        System.exit(faults == 0 ? 0 : 1);
    }

    /** Opens every client's socket, at most {@code concurrency} handshakes at a time; returns how many opened. */
    static int openAll(WidgetNetwork net, List<WidgetClient> clients, int concurrency, Tally tally)
            throws InterruptedException {
        Semaphore permits = new Semaphore(concurrency);
        List<CompletableFuture<?>> all = new ArrayList<>(clients.size());
        for (WidgetClient c : clients) {
            permits.acquire();
            all.add(net.connect(c).whenComplete((ch, e) -> {
                permits.release();
                if (e != null) {
                    tally.add("open_failed");
                }
            }));
        }
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        } catch (Exception e) {
            // counted per socket
        }
        return countOpen(clients);
    }

    static int countOpen(List<WidgetClient> clients) {
        int open = 0;
        for (WidgetClient c : clients) {
            if (c.isOpen()) {
                open++;
            }
        }
        return open;
    }

    /**
     * Each chatting client sends, waits for the answer, thinks, sends again. A client whose conversation was handed
     * to a person goes on in a new conversation (a new session and socket), as ChatLoad's customers do.
     */
    static void chat(WidgetNetwork net, List<WidgetClient> chatting, List<String> texts, List<String> llmTexts,
                     double llmShare, long thinkMs, long replyTimeoutMs, int seconds, Tally tally, Random random)
            throws InterruptedException {
        int n = chatting.size();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long[] nextAt = new long[n];
        int[] turn = new int[n];
        AtomicBoolean[] switching = new AtomicBoolean[n];
        for (int i = 0; i < n; i++) {
            nextAt[i] = start + (long) (random.nextDouble() * TimeUnit.MILLISECONDS.toNanos(thinkMs));
            switching[i] = new AtomicBoolean();
        }
        log("%d clients chatting for %d s", n, seconds);
        long lastReport = start;
        while (true) {
            long now = System.nanoTime();
            boolean sending = now < end;
            boolean anyPending = false;
            for (int i = 0; i < n; i++) {
                WidgetClient c = chatting.get(i);
                if (switching[i].get()) {
                    anyPending = true;
                    continue;
                }
                if (!c.isIdle()) {
                    anyPending = true;
                    if (now - c.pendingSinceNanos() > TimeUnit.MILLISECONDS.toNanos(replyTimeoutMs)) {
                        c.abandon();
                        nextAt[i] = now + think(random, thinkMs);
                    }
                    continue;
                }
                if (c.handedOver()) {
                    if (sending) {
                        startOver(net, c, switching[i], tally);
                    }
                    continue;
                }
                if (nextAt[i] < 0) {
                    // answered (or given up on) since the last message: think, then write the next one
                    nextAt[i] = c.answeredAtNanos() + think(random, thinkMs);
                }
                if (sending && now >= nextAt[i] && c.isOpen()) {
                    boolean llm = llmShare > 0 && random.nextDouble() < llmShare;
                    String text = llm ? llmTexts.get(random.nextInt(llmTexts.size()))
                            : texts.get((i * 7 + turn[i]++) % texts.size());
                    if (c.say(text, llm)) {
                        nextAt[i] = -1;
                    }
                }
            }
            if (!sending && !anyPending) {
                break;
            }
            if (!sending && now - end > TimeUnit.MILLISECONDS.toNanos(replyTimeoutMs) + TimeUnit.SECONDS.toNanos(5)) {
                chatting.forEach(WidgetClient::abandon);
                break;
            }
            if (now - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                lastReport = now;
                log("  %.0f s: sent %d, answered %d, handovers %d", (now - start) / 1e9, tally.get("sent"),
                        tally.get("answered"), tally.get("handovers"));
            }
            Thread.sleep(20);
        }
    }

    private static void startOver(WidgetNetwork net, WidgetClient c, AtomicBoolean switching, Tally tally) {
        switching.set(true);
        Thread.ofVirtual().start(() -> {
            try {
                WidgetNetwork.Session next = net.createSession();
                c.closeNormally();
                c.switchTo(next);
                net.connect(c).get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                tally.add("open_failed");
            } finally {
                switching.set(false);
            }
        });
    }

    private static long think(Random random, long thinkMs) {
        return TimeUnit.MILLISECONDS.toNanos((long) (thinkMs * (0.5 + random.nextDouble())));
    }

    static List<String> readTexts(String file) throws java.io.IOException {
        return Files.readAllLines(Path.of(file)).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    static String option(String[] args, String name, String fallback) {
        int i = Arrays.asList(args).indexOf(name);
        return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static void log(String format, Object... args) {
        System.err.printf("[%tT] %s%n", System.currentTimeMillis(), String.format(java.util.Locale.ROOT, format, args));
    }
}
