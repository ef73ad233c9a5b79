package dev.chatbot.connectors.gateway;

import io.micronaut.core.order.Ordered;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every open chat socket on this node, by session id. On shutdown it closes them all with 1001 (going away), so
 * widgets know to reconnect and resume rather than report an error.
 */
@Singleton
public class ChatConnections implements GracefulShutdownCapable, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(ChatConnections.class);

    /** Frames that arrive before the socket's open handler has run are parked, at most this many. */
    static final int MAX_PARKED = 32;

    private final Map<String, ChatConnection> bySession = new ConcurrentHashMap<>();
    private final Map<String, List<String>> parked = new ConcurrentHashMap<>();
    private volatile CompletableFuture<Void> allClosed;

    /** Registers an opened socket and returns the frames that arrived before it was registered, in order. */
    List<String> add(ChatConnection connection) {
        String id = connection.session().getId();
        List<String>[] early = new List[]{List.of()};
        // same lock as park(): a frame is either parked before this or sees the connection after it
        parked.compute(id, (k, frames) -> {
            bySession.put(id, connection);
            if (frames != null) {
                early[0] = List.copyOf(frames);
            }
            return null;
        });
        return early[0];
    }

    /**
     * The socket's connection, or empty after parking the frame when the socket's open handler has not run yet
     * (the framework may deliver a client's first frame before it calls the open handler).
     *
     * @return the connection, or empty when the frame was parked (or dropped, beyond {@link #MAX_PARKED})
     */
    java.util.Optional<ChatConnection> getOrPark(String sessionId, String frame) {
        ChatConnection[] found = new ChatConnection[1];
        parked.compute(sessionId, (k, frames) -> {
            found[0] = bySession.get(sessionId);
            if (found[0] != null) {
                return frames;
            }
            List<String> list = frames == null ? new java.util.ArrayList<>() : frames;
            if (list.size() < MAX_PARKED) {
                list.add(frame);
            }
            return list;
        });
        return java.util.Optional.ofNullable(found[0]);
    }

    /** Forgets frames parked for a socket that was refused. */
    void dropParked(String sessionId) {
        parked.remove(sessionId);
    }

    ChatConnection remove(String sessionId) {
        parked.remove(sessionId);
        ChatConnection removed = bySession.remove(sessionId);
        CompletableFuture<Void> waiting = allClosed;
        if (waiting != null && bySession.isEmpty()) {
            waiting.complete(null);
        }
        return removed;
    }

    /** Open chat sockets on this node. */
    public int size() {
        return bySession.size();
    }

    @Override
    public CompletionStage<?> shutdownGracefully() {
        LOG.atInfo().addKeyValue("sockets", bySession.size()).log("closing chat sockets for shutdown");
        CompletableFuture<Void> done = new CompletableFuture<>();
        allClosed = done;
        if (bySession.isEmpty()) {
            done.complete(null);
        }
        bySession.values().forEach(c -> {
            if (c.session().isOpen()) {
                c.session().close(SocketErrors.SHUTTING_DOWN);
            }
        });
        // widgets answer the close frame; do not hold the shutdown for ones that never do
        return done.completeOnTimeout(null, 3, TimeUnit.SECONDS);
    }

    /** Before the HTTP server's own graceful shutdown, which drops upgraded connections without a close frame. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @Override
    public OptionalLong reportActiveTasks() {
        return OptionalLong.of(bySession.size());
    }
}
