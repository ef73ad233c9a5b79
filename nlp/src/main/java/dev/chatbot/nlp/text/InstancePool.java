package dev.chatbot.nlp.text;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A small pool of non-thread-safe helpers (OpenNLP's {@code *ME} classes). Unlike a {@link ThreadLocal} it
 * also works with virtual threads, where every request has a new thread: instances are borrowed and
 * returned instead of being created per thread.
 *
 * @param <T> the pooled type
 */
public final class InstancePool<T> {

    private static final int MAX_IDLE = 64;

    private final Supplier<T> factory;
    private final ConcurrentLinkedQueue<T> idle = new ConcurrentLinkedQueue<>();

    public InstancePool(Supplier<T> factory) {
        this.factory = factory;
    }

    /** Runs work with an instance that no other thread uses meanwhile. */
    public <R> R with(Function<T, R> work) {
        T instance = idle.poll();
        if (instance == null) {
            instance = factory.get();
        }
        try {
            return work.apply(instance);
        } finally {
            if (idle.size() < MAX_IDLE) {
                idle.offer(instance);
            }
        }
    }
}
