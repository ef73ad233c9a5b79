package dev.chatbot.connectors.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatbot.connectors.testing.ChatClient;
import dev.chatbot.connectors.testing.Frames;
import dev.chatbot.connectors.testing.TestServer.WidgetSession;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A widget customer that behaves the way the protocol asks a client to: it sends messages one after another, keeps
 * what was acknowledged (client id and sequence number) and what was sent without an ack, remembers the highest
 * sequence number it has seen, and after a lost connection reconnects, resumes after that number and sends the
 * unacknowledged messages again with the same client ids.
 */
final class ChattingCustomer {

    private final String name;
    private final WidgetSession session;
    private final Map<String, Long> acked = new LinkedHashMap<>();
    private final Map<String, String> unacked = new LinkedHashMap<>();
    private final Map<String, String> texts = new LinkedHashMap<>();
    private final List<JsonNode> errors = new ArrayList<>();
    private ChatClient client;
    private long lastSeenSeq;
    private int sent;
    private final java.util.concurrent.atomic.AtomicInteger ackCount = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean stopping;
    private Thread loop;

    ChattingCustomer(String name, WidgetSession session) {
        this.name = name;
        this.session = session;
    }

    String name() {
        return name;
    }

    WidgetSession session() {
        return session;
    }

    /** Opens the chat socket and waits for the conversation's state frame. */
    synchronized void connect(URI wsBase) {
        client = ChatClient.connect(URI.create(wsBase + "/ws/chat?token=" + session.token()), Map.of());
        client.awaitType("state");
    }

    /** Sends one message and waits for its ack (up to {@code ackWithin}); false when none came. */
    synchronized boolean send(String text, Duration ackWithin) {
        String clientId = name + "-" + (++sent);
        return sendAs(clientId, text, ackWithin);
    }

    /**
     * Sends and waits for the ack or an error frame: up to {@code ackWithin}, but no longer than the connection lives
     * (a slow ack on a busy machine is still an ack; a dead connection will never bring one).
     */
    private boolean sendAs(String clientId, String text, Duration ackWithin) {
        texts.put(clientId, text);
        unacked.put(clientId, text);
        try {
            client.send(Frames.message(clientId, text));
            long deadline = System.nanoTime() + ackWithin.toNanos();
            JsonNode reply = null;
            while (reply == null) {
                try {
                    reply = client.await(f -> isAckOf(f, clientId) || isErrorFrame(f), Duration.ofMillis(500));
                } catch (AssertionError nothingYet) {
                    if (client.isClosed() || System.nanoTime() > deadline) {
                        return false;
                    }
                }
            }
            if (isErrorFrame(reply)) {
                errors.add(reply);
                return false;
            }
            unacked.remove(clientId);
            if (acked.put(clientId, reply.get("seq").asLong()) == null) {
                ackCount.incrementAndGet();
            }
            return true;
        } catch (RuntimeException | AssertionError connectionGone) {
            return false;
        }
    }

    private static boolean isAckOf(JsonNode f, String clientId) {
        return f.path("type").asText().equals("ack") && f.path("clientId").asText().equals(clientId);
    }

    private static boolean isErrorFrame(JsonNode f) {
        return f.path("type").asText().equals("error");
    }

    /** Sends the questions in turn, over and over, with a pause between messages, until stopped or disconnected. */
    void startChatting(List<String> questions, Duration pause) {
        loop = Thread.ofPlatform().name("customer-" + name).start(() -> {
            int i = 0;
            while (!stopping) {
                if (!send(questions.get(i++ % questions.size()), Duration.ofSeconds(30))) {
                    return; // the connection is gone (or the store refused): a real widget would reconnect
                }
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Stops sending and waits for the loop to end (at most one ack time-out). */
    void stopChatting() {
        stopping = true;
        awaitLoop();
    }

    /** Waits for the sending loop to end by itself (it ends when the connection is gone). */
    void awaitLoop() {
        try {
            if (loop != null && !loop.join(Duration.ofSeconds(40))) {
                throw new AssertionError(name + " is still sending");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes note of every message frame received so far, for the highest sequence number seen. */
    synchronized void noteReceived() {
        if (client == null) {
            return;
        }
        for (JsonNode f : client.drain()) {
            if (f.path("type").asText().equals("message")) {
                lastSeenSeq = Math.max(lastSeenSeq, f.path("seq").asLong());
            } else if (isErrorFrame(f)) {
                errors.add(f);
            }
        }
    }

    /**
     * After a lost connection: reconnects, sends {@code resume} after the highest sequence number seen, then sends
     * every unacknowledged message again with its client id.
     *
     * @return the sequence numbers of the resent messages by client id
     */
    synchronized Map<String, Long> reconnectAndResume(URI wsBase) {
        noteReceived();
        if (client != null) {
            client.abort();
        }
        connect(wsBase);
        client.send(Frames.resume(lastSeenSeq));
        Map<String, Long> resent = new LinkedHashMap<>();
        for (Map.Entry<String, String> m : new ArrayList<>(unacked.entrySet())) {
            if (!sendAs(m.getKey(), m.getValue(), Duration.ofSeconds(10))) {
                throw new AssertionError(name + ": no ack for resent " + m.getKey() + "; errors " + errors);
            }
            resent.put(m.getKey(), acked.get(m.getKey()));
        }
        return resent;
    }

    /** Waits until this socket has received every message from {@code afterSeq + 1} to {@code upToSeq}. */
    synchronized void awaitEveryMessage(long afterSeq, long upToSeq, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        for (long seq = afterSeq + 1; seq <= upToSeq; seq++) {
            long s = seq;
            long left = Math.max(1, deadline - System.nanoTime());
            client.await(f -> f.path("type").asText().equals("message") && f.path("seq").asLong() == s,
                    Duration.ofNanos(left));
        }
    }

    /** Waits for a message after {@code seq} that the customer did not write (the bot's or a person's answer). */
    synchronized JsonNode awaitAnswerAfter(long seq, Duration within) {
        return client.await(f -> f.path("type").asText().equals("message") && f.path("seq").asLong() > seq
                && !f.path("role").asText().equals("customer"), within);
    }

    /** How many messages have been acknowledged so far (readable while the customer is sending). */
    int ackCount() {
        return ackCount.get();
    }

    synchronized Map<String, Long> acked() {
        return new LinkedHashMap<>(acked);
    }

    synchronized Map<String, String> unacked() {
        return new LinkedHashMap<>(unacked);
    }

    synchronized String textOf(String clientId) {
        return texts.get(clientId);
    }

    synchronized long lastSeenSeq() {
        return lastSeenSeq;
    }

    synchronized List<JsonNode> errors() {
        return List.copyOf(errors);
    }

    synchronized void close() {
        stopping = true;
        if (client != null) {
            client.abort();
        }
    }

    static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
