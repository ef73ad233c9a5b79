package dev.chatbot.connectors.llm;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds generations: at most {@code maxConcurrent} run, at most {@code maxQueue} wait (first come, first served),
 * and a caller that finds the queue full is turned away at once. A waiting caller gives up after a maximum wait.
 */
final class AdmissionGate {

    enum Entry { ADMITTED, QUEUE_FULL, WAITED_TOO_LONG }

    private final Semaphore slots;
    private final int maxQueue;
    private final AtomicInteger waiting = new AtomicInteger();

    AdmissionGate(int maxConcurrent, int maxQueue) {
        if (maxConcurrent < 1 || maxQueue < 0) {
            throw new IllegalArgumentException("chatbot.llm.max-concurrent must be >= 1 and max-queue >= 0, not "
                    + maxConcurrent + " and " + maxQueue);
        }
        this.slots = new Semaphore(maxConcurrent, true);
        this.maxQueue = maxQueue;
    }

    /** Takes a slot, waiting in the queue if there is room; {@link #leave()} must follow an admission. */
    Entry enter(Duration maxWait) throws InterruptedException {
        if (slots.tryAcquire(0, TimeUnit.MILLISECONDS)) {
            return Entry.ADMITTED;
        }
        if (waiting.incrementAndGet() > maxQueue) {
            waiting.decrementAndGet();
            return Entry.QUEUE_FULL;
        }
        try {
            return slots.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS) ? Entry.ADMITTED : Entry.WAITED_TOO_LONG;
        } finally {
            waiting.decrementAndGet();
        }
    }

    void leave() {
        slots.release();
    }

    int waiting() {
        return waiting.get();
    }

    int freeSlots() {
        return slots.availablePermits();
    }
}
