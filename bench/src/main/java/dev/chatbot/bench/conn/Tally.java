package dev.chatbot.bench.conn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters shared by every simulated widget: messages sent, acknowledged and answered, and every kind of fault the
 * clients can see (error frames, sockets closed by the server, sequence numbers skipped, repeated or out of order).
 */
final class Tally {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    final Latencies ack = new Latencies();
    final Latencies reply = new Latencies();
    /** Round trips of non-LLM turns only, when the scenario marks which texts go to the LLM. */
    final Latencies botReply = new Latencies();
    final Latencies llmReply = new Latencies();

    void add(String name) {
        add(name, 1);
    }

    void add(String name, long n) {
        counts.computeIfAbsent(name, k -> new AtomicLong()).addAndGet(n);
    }

    long get(String name) {
        AtomicLong v = counts.get(name);
        return v == null ? 0 : v.get();
    }

    void clearLatencies() {
        ack.clear();
        reply.clear();
        botReply.clear();
        llmReply.clear();
    }

    ObjectNode counters() {
        ObjectNode out = JSON.createObjectNode();
        new TreeMap<>(counts).forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
