package dev.chatbot.connectors.wiring;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The server's own threads. {@link #io()} runs blocking work (database, CRM, socket outboxes) on virtual threads,
 * one per task; CPU-heavy work (NLU) is bounded separately by whoever owns it. Nothing blocking runs on Netty's
 * event loop.
 */
@Singleton
public final class Workers {

    private final ExecutorService io = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("chatbot-io-", 0).factory());

    public ExecutorService io() {
        return io;
    }

    @PreDestroy
    void close() throws InterruptedException {
        io.shutdown();
        io.awaitTermination(5, TimeUnit.SECONDS);
    }
}
