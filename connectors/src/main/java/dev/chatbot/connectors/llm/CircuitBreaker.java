package dev.chatbot.connectors.llm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Remembers that the model server is down, so that calls answer at once instead of each waiting for a connection
 * to fail. The first failure opens the circuit; while it is open, a background probe asks the server every
 * {@code probeInterval} whether it is back, and closes the circuit when it is. Calls never probe themselves.
 */
final class CircuitBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    private final Duration probeInterval;
    private final BooleanSupplier probe;
    private final ScheduledExecutorService scheduler;
    private boolean open;
    private String reason = "";
    private ScheduledFuture<?> probing;

    CircuitBreaker(Duration probeInterval, BooleanSupplier probe, ScheduledExecutorService scheduler) {
        this.probeInterval = probeInterval;
        this.probe = probe;
        this.scheduler = scheduler;
    }

    /** Whether calls may go to the server. */
    synchronized boolean allows() {
        return !open;
    }

    /** Why the circuit is open ("" when closed). */
    synchronized String reason() {
        return open ? reason : "";
    }

    /** A call failed in a way that says the server is down, hung or broken: open the circuit and start probing. */
    synchronized void recordFailure(String why) {
        if (open) {
            return;
        }
        open = true;
        reason = why;
        LOG.warn("LLM server unavailable ({}); answering without it until a probe sees it back", why);
        long every = Math.max(1, probeInterval.toMillis());
        probing = scheduler.scheduleWithFixedDelay(this::probeOnce, every, every, TimeUnit.MILLISECONDS);
    }

    private void probeOnce() {
        boolean up;
        try {
            up = probe.getAsBoolean();
        } catch (RuntimeException e) {
            up = false;
        }
        if (up) {
            synchronized (this) {
                if (open) {
                    open = false;
                    reason = "";
                    if (probing != null) {
                        probing.cancel(false);
                        probing = null;
                    }
                    LOG.info("LLM server is back; fallback answers resume");
                }
            }
        }
    }
}
