package dev.chatbot.connectors.gateway;

import io.micronaut.core.order.Ordered;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private final Map<String, ChatConnection> bySession = new ConcurrentHashMap<>();
    private volatile CompletableFuture<Void> allClosed;

    void add(ChatConnection connection) {
        bySession.put(connection.session().getId(), connection);
    }

    ChatConnection get(String sessionId) {
        return bySession.get(sessionId);
    }

    ChatConnection remove(String sessionId) {
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
