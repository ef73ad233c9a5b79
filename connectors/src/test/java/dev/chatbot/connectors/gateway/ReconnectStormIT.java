package dev.chatbot.connectors.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatbot.connectors.testing.ChatClient;
import dev.chatbot.connectors.testing.Frames;
import dev.chatbot.connectors.testing.TestServer;
import dev.chatbot.connectors.testing.TestServer.WidgetSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small reconnect storm in the normal test run (bench/reconnect-storm.sh runs 2,000 clients): 100 customers, each
 * mid-conversation, send a message and drop their socket without a close frame a moment later, all within the same
 * second, then reconnect, {@code resume} after the last {@code seq} they saw and resend what was not acknowledged.
 * The customers behave as docs/protocol.md asks: an error or a socket closed by the server (a busy machine can make
 * the store time out) means reconnect and resume again.
 *
 * <p>Nothing may be lost or stored twice; every socket must deliver messages in {@code seq} order without repeats,
 * and without gaps unless it reported an error; together the sockets must have delivered every stored message; and
 * the stored conversation must hold exactly the customer's three messages.
 */
class ReconnectStormIT {

    private static final int CUSTOMERS = 100;
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestServer.withLoadFromOneAddress(Map.of()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void customers_who_all_drop_mid_conversation_get_every_message_once_and_in_order() throws Exception {
        Queue<String> faults = new ConcurrentLinkedQueue<>();
        CountDownLatch midConversation = new CountDownLatch(CUSTOMERS);
        AtomicInteger droppedBeforeAck = new AtomicInteger();
        AtomicInteger reconnectsAfterErrors = new AtomicInteger();
        AtomicInteger checked = new AtomicInteger();
        List<Thread> customers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            int n = i;
            customers.add(Thread.ofVirtual().start(() -> {
                Customer c = new Customer(n);
                try {
                    c.stormAndCheck(midConversation, droppedBeforeAck);
                    checked.incrementAndGet();
                } catch (Throwable e) {
                    midConversation.countDown();
                    faults.add("customer " + n + ": " + e.getMessage());
                } finally {
                    reconnectsAfterErrors.addAndGet(c.reconnectsAfterErrors);
                }
            }));
        }
        for (Thread t : customers) {
            assertThat(t.join(Duration.ofMinutes(4))).as("a customer is still waiting").isTrue();
        }
        System.out.printf("reconnect storm: %d customers checked, %d dropped before their ack, %d reconnects after "
                + "an error, faults: %s%n", checked.get(), droppedBeforeAck.get(), reconnectsAfterErrors.get(), faults);
        assertThat(faults).isEmpty();
        assertThat(checked.get()).isEqualTo(CUSTOMERS);
        assertThat(droppedBeforeAck.get()).as("some customers dropped before their ack, so resends were tested")
                .isPositive();
    }

    /** One customer: its sockets one after another, and every frame each of them delivered. */
    private static final class Customer {
        private final int n;
        private final Random random;
        private WidgetSession session;
        private ChatClient socket;
        private final List<List<JsonNode>> sockets = new ArrayList<>();
        private final Map<String, String> unacked = new HashMap<>();
        private final Map<String, Long> ackedSeq = new HashMap<>();
        private long lastSeen;
        int reconnectsAfterErrors;

        Customer(int n) {
            this.n = n;
            this.random = new Random(n);
        }

        void stormAndCheck(CountDownLatch midConversation, AtomicInteger droppedBeforeAck) throws Exception {
            session = server.newSession();
            connect();
            say(id(1), "hello there");
            awaitAnswer(id(1));

            // everyone is mid-conversation: each sends one more message and loses the connection a moment later
            midConversation.countDown();
            midConversation.await(2, TimeUnit.MINUTES);
            say(id(2), "how long does shipping take?");
            Thread.sleep(random.nextInt(40));
            socket.abort();
            take();
            if (unacked.containsKey(id(2))) {
                droppedBeforeAck.incrementAndGet();
            }
            Thread.sleep(50 + random.nextInt(400));
            connect();
            awaitAnswer(id(2));
            say(id(3), "thanks");
            awaitAnswer(id(3));
            socket.close();
            check();
        }

        private String id(int k) {
            return "s" + n + "-" + k;
        }

        /** Opens a socket (retrying a handshake the busy server refused), resumes, resends what was not acked. */
        private void connect() throws InterruptedException {
            for (int attempt = 1; ; attempt++) {
                try {
                    socket = server.connect(session);
                    break;
                } catch (RuntimeException e) {
                    if (attempt == 5) {
                        throw e;
                    }
                    Thread.sleep(1000);
                }
            }
            sockets.add(new ArrayList<>());
            socket.send(Frames.resume(lastSeen));
            unacked.forEach((id, text) -> socket.send(Frames.message(id, text)));
        }

        private void say(String clientId, String text) {
            unacked.put(clientId, text);
            socket.send(Frames.message(clientId, text));
        }

        /** Takes what the socket delivered; returns false if it reported an error or was closed by the server. */
        private boolean take() {
            boolean healthy = true;
            for (JsonNode f : socket.drain()) {
                sockets.getLast().add(f);
                String type = f.path("type").asText();
                if (type.equals("ack")) {
                    String id = f.get("clientId").asText();
                    Long before = ackedSeq.put(id, f.get("seq").asLong());
                    if (before != null && before != f.get("seq").asLong()) {
                        throw new AssertionError(id + " acknowledged as " + before + " and " + f.get("seq"));
                    }
                    unacked.remove(id);
                } else if (type.equals("message")) {
                    lastSeen = Math.max(lastSeen, f.get("seq").asLong());
                    if (f.has("clientId") && unacked.containsKey(f.get("clientId").asText())) {
                        // the replayed echo proves it was stored
                        ackedSeq.putIfAbsent(f.get("clientId").asText(), f.get("seq").asLong());
                        unacked.remove(f.get("clientId").asText());
                    }
                } else if (type.equals("error")) {
                    healthy = false;
                }
            }
            return healthy && !socket.isClosed();
        }

        /** Waits for a message after the customer's, reconnecting after an error as the protocol asks. */
        private void awaitAnswer(String clientId) throws InterruptedException {
            long deadline = System.nanoTime() + WITHIN.toNanos();
            while (true) {
                boolean healthy = take();
                Long seq = ackedSeq.get(clientId);
                if (seq != null && lastSeen > seq && answered(seq)) {
                    return;
                }
                if (!healthy) {
                    reconnectsAfterErrors++;
                    socket.abort();
                    Thread.sleep(500);
                    connect();
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no answer to " + clientId + " within " + WITHIN + "; sockets: " + sockets);
                }
                Thread.sleep(10);
            }
        }

        private boolean answered(long seq) {
            for (List<JsonNode> frames : sockets) {
                for (JsonNode f : frames) {
                    if (f.path("type").asText().equals("message") && f.get("seq").asLong() > seq
                            && !f.path("role").asText().equals("customer")) {
                        return true;
                    }
                }
            }
            return false;
        }

        private void check() {
            TreeSet<Long> seen = new TreeSet<>();
            for (List<JsonNode> frames : sockets) {
                long previous = -1;
                boolean erred = frames.stream().anyMatch(f -> f.path("type").asText().equals("error"));
                for (JsonNode f : frames) {
                    if (!f.path("type").asText().equals("message")) {
                        continue;
                    }
                    long seq = f.get("seq").asLong();
                    if (previous >= 0 && seq <= previous) {
                        throw new AssertionError("seq " + seq + " after " + previous + " on one socket: " + frames);
                    }
                    if (previous >= 0 && seq != previous + 1 && !erred) {
                        throw new AssertionError("seq " + seq + " skipped to from " + previous + ": " + frames);
                    }
                    previous = seq;
                    seen.add(seq);
                }
            }
            JsonNode history = Frames.parse(server.get("/api/widget/conversations/" + session.conversationId()
                    + "/messages?afterSeq=0", session.token()).body());
            List<String> storedIds = new ArrayList<>();
            TreeSet<Long> stored = new TreeSet<>();
            for (JsonNode m : history.path("messages")) {
                stored.add(m.get("seq").asLong());
                if (m.has("clientId")) {
                    storedIds.add(m.get("clientId").asText());
                }
            }
            if (!storedIds.equals(List.of(id(1), id(2), id(3)))) {
                throw new AssertionError("stored customer messages " + storedIds);
            }
            if (stored.size() != history.path("lastSeq").asLong() || !stored.equals(seen)) {
                throw new AssertionError("stored seqs " + stored + ", delivered " + seen);
            }
        }
    }
}
