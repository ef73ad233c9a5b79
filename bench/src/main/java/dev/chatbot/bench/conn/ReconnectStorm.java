package dev.chatbot.bench.conn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.chatbot.bench.conn.ConnectionLoad.log;
import static dev.chatbot.bench.conn.ConnectionLoad.option;
import static dev.chatbot.bench.conn.ConnectionLoad.round;
import static dev.chatbot.bench.conn.ConnectionLoad.seconds;

/**
 * Reconnect storm: {@code --clients} widgets each hold a conversation of a few turns, then all of them, within
 * {@code --storm-ms}, send one more message and drop their socket abruptly (TCP close, or a reset with
 * {@code --reset}; never a close frame) a moment later, some before the {@code ack}, some before the answer, some
 * after it. Each reconnects after up to {@code --down-ms}, sends {@code resume} with the last {@code seq} it saw and
 * resends its unacknowledged message with the same {@code clientId}, as docs/protocol.md asks. Then every client has
 * one more turn.
 *
 * <p>It fails (exit code 1) on any loss: a message never acknowledged or never answered, an {@code ack} with two
 * different {@code seq}s, a {@code seq} never received or received after a higher one, or (against the real server,
 * through the history endpoint) a stored conversation that differs from what the client saw: a customer message
 * stored twice or missing, or messages the client never got. A {@code seq} received twice is counted and allowed (the
 * protocol lets a {@code resume} repeat what was in flight; the client ignores it).
 */
public final class ReconnectStorm {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReconnectStorm() {
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(option(args, "--url", "http://localhost:18210"));
        int n = Integer.parseInt(option(args, "--clients", "2000"));
        int warmTurns = Integer.parseInt(option(args, "--warm-turns", "2"));
        long stormMs = Long.parseLong(option(args, "--storm-ms", "3000"));
        long downMs = Long.parseLong(option(args, "--down-ms", "2000"));
        boolean reset = Boolean.parseBoolean(option(args, "--reset", "false"));
        boolean history = Boolean.parseBoolean(option(args, "--history", "true"));
        long waitMs = Long.parseLong(option(args, "--wait-ms", "180000"));
        // the turns before and after the storm are spread over this long, so that they measure the conversations,
        // not a burst of 2,000 turns at once (which this server cannot take on 2 cores: see connections.sh)
        long warmMs = Long.parseLong(option(args, "--turn-spread-ms", "20000"));
        List<String> texts = ConnectionLoad.readTexts(option(args, "--texts", "bench/messages.txt"));
        String label = option(args, "--label", "server");
        Random random = new Random(11);
        Tally tally = new Tally();
        ObjectNode out = JSON.createObjectNode();
        out.put("label", label);
        out.put("clients", n);
        out.put("storm_ms", stormMs);
        out.put("down_ms", downMs);
        out.put("reset", reset);
        boolean ok;
        try (WidgetNetwork net = new WidgetNetwork(url, 2)) {
            List<WidgetNetwork.Session> sessions = net.createSessions(n, 16, tally);
            List<WidgetClient> clients = new ArrayList<>();
            for (int i = 0; i < sessions.size(); i++) {
                WidgetClient c = new WidgetClient(i, sessions.get(i), tally, true);
                c.onLost(() -> net.reconnectLater(c, tally));
                clients.add(c);
            }
            int opened = ConnectionLoad.openAll(net, clients, 200, tally);
            log("%d sockets open", opened);
            for (int t = 0; t < warmTurns; t++) {
                turn(clients, texts, t, warmMs, waitMs, tally);
            }
            log("%d warm-up turns done: sent %d, answered %d", warmTurns, tally.get("sent"), tally.get("answered"));
            tally.clearLatencies();

            // the storm: a message out, the socket dropped, a reconnect with resume
            ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
            CountDownLatch back = new CountDownLatch(clients.size());
            AtomicInteger reconnectFailures = new AtomicInteger();
            Semaphore handshakes = new Semaphore(400);
            long stormStart = System.nanoTime();
            int[] dropStage = new int[3];
            for (WidgetClient c : clients) {
                long sendAt = (long) (random.nextDouble() * stormMs);
                long dropAfter = (long) (random.nextDouble() * 300);
                long downFor = 100 + (long) (random.nextDouble() * Math.max(0, downMs - 100));
                String text = texts.get(random.nextInt(texts.size()));
                timer.schedule(() -> {
                    c.say(text, false);
                    timer.schedule(() -> {
                        c.drop(reset);
                        timer.schedule(() -> Thread.ofVirtual().start(() -> {
                            try {
                                handshakes.acquire();
                                try {
                                    net.connect(c).get(120, TimeUnit.SECONDS);
                                } finally {
                                    handshakes.release();
                                }
                            } catch (Exception e) {
                                reconnectFailures.incrementAndGet();
                            } finally {
                                back.countDown();
                            }
                        }), downFor, TimeUnit.MILLISECONDS);
                    }, dropAfter, TimeUnit.MILLISECONDS);
                }, sendAt, TimeUnit.MILLISECONDS);
            }
            if (!back.await(waitMs, TimeUnit.MILLISECONDS)) {
                log("not every client reconnected in time");
            }
            double reconnectedAfter = seconds(stormStart);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
            while (System.nanoTime() < deadline && !allIdle(clients)) {
                Thread.sleep(50);
            }
            double caughtUpAfter = seconds(stormStart);
            clients.forEach(WidgetClient::abandon);
            timer.shutdownNow();
            out.put("reconnect_failed", reconnectFailures.get());
            out.put("seconds_until_all_reconnected", round(reconnectedAfter));
            out.put("seconds_until_all_answered", round(caughtUpAfter));
            out.set("storm_ack_ms", tally.ack.summary());
            out.set("storm_reply_ms", tally.reply.summary());
            log("storm: all back after %.1f s, all answered after %.1f s", reconnectedAfter, caughtUpAfter);

            tally.clearLatencies();
            turn(clients, texts, warmTurns + 1, warmMs, waitMs, tally);
            out.set("after_storm_reply_ms", tally.reply.summary());
            int missing = 0;
            for (WidgetClient c : clients) {
                missing += c.missing();
            }
            tally.add("seq_missing", missing);
            Thread.sleep(1000); // a turn's last frames, if it sends more than one message
            if (history) {
                checkHistory(net, clients, tally);
            }
            out.put("sockets_open_at_end", ConnectionLoad.countOpen(clients));
            out.set("counters", tally.counters());
            ok = reconnectFailures.get() == 0 && faults(tally) == 0;
            out.put("verdict", ok ? "no loss" : "LOSS OR FAULT");
            for (WidgetClient c : clients) {
                c.closeNormally();
            }
            Thread.sleep(500);
        }
        String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out);
        System.out.println(json);
        String outFile = option(args, "--out", null);
        if (outFile != null) {
            Files.writeString(Path.of(outFile), json);
        }
        System.exit(ok ? 0 : 1);
    }

    /**
     * Losses: anything a customer would miss or see wrong. Error frames ({@code error_*} counters) are reported but
     * are not losses when the client's resend then got the message stored.
     */
    static long faults(Tally tally) {
        long f = 0;
        for (String k : List.of("unanswered", "unacked", "stored_twice", "seq_missing", "seq_out_of_order",
                "session_failed", "open_failed", "history_differs", "history_failed", "reconnect_failed")) {
            f += tally.get(k);
        }
        return f;
    }

    /** Every client that can still chat sends one message and waits for the answer. */
    private static void turn(List<WidgetClient> clients, List<String> texts, int round, long spreadMs, long waitMs,
                             Tally tally) throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < clients.size(); i++) {
            long due = start + TimeUnit.MILLISECONDS.toNanos(spreadMs * i / clients.size());
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            clients.get(i).say(texts.get((i * 13 + round * 101) % texts.size()), false);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        while (System.nanoTime() < deadline && !allIdle(clients)) {
            Thread.sleep(20);
        }
        clients.forEach(WidgetClient::abandon);
    }

    private static boolean allIdle(List<WidgetClient> clients) {
        for (WidgetClient c : clients) {
            if (!c.isIdle()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Compares each stored conversation with what its client saw: every acknowledged message stored once under
     * its {@code seq}, nothing stored that the client did not send, and no stored message the client never got.
     */
    private static void checkHistory(WidgetNetwork net, List<WidgetClient> clients, Tally tally)
            throws InterruptedException {
        Semaphore permits = new Semaphore(16);
        List<Thread> threads = new ArrayList<>();
        for (WidgetClient c : clients) {
            permits.acquire();
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    List<JsonNode> stored = net.history(c.session());
                    Map<String, Long> acked = c.acked();
                    Set<String> seenIds = new HashSet<>();
                    long expectSeq = 1;
                    Set<String> why = new java.util.TreeSet<>();
                    for (JsonNode m : stored) {
                        if (m.path("seq").asLong() != expectSeq++) {
                            why.add("gap_in_store");
                        }
                        String id = m.path("clientId").asText(null);
                        if (id != null) {
                            if (!seenIds.add(id)) {
                                why.add("client_id_stored_twice");
                            }
                            if (!acked.containsKey(id)) {
                                why.add("stored_but_never_acked");
                            } else if (acked.get(id) != m.path("seq").asLong()) {
                                why.add("stored_under_another_seq");
                            }
                        }
                    }
                    if (!seenIds.containsAll(acked.keySet())) {
                        why.add("acked_but_not_stored");
                    }
                    if (stored.size() > c.lastSeq()) {
                        why.add("stored_after_the_last_seq_seen");
                    }
                    if (!why.isEmpty()) {
                        tally.add("history_differs");
                        why.forEach(w -> tally.add("history_differs_" + w));
                    }
                    tally.add("history_messages_checked", stored.size());
                } catch (Exception e) {
                    tally.add("history_failed");
                } finally {
                    permits.release();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
    }
}
