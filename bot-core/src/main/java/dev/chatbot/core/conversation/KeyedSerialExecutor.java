package dev.chatbot.core.conversation;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Runs tasks on a shared executor so that tasks with the same key run one after another, in submission
 * order, while tasks with different keys run in parallel. Used to take one conversation's turns in order.
 */
public final class KeyedSerialExecutor {

    private final Executor executor;
    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    public KeyedSerialExecutor(Executor executor) {
        this.executor = executor;
    }

    /** Queues a task behind the earlier tasks of its key; the future completes when it has run. */
    public CompletableFuture<Void> submit(String key, Runnable task) {
        CompletableFuture<Void>[] mine = new CompletableFuture[1];
        tails.compute(key, (k, tail) -> {
            CompletableFuture<Void> start = tail == null ? CompletableFuture.completedFuture(null) : tail;
            mine[0] = start.handleAsync((ignored, error) -> {
                task.run();
                return null;
            }, executor);
            return mine[0];
        });
        CompletableFuture<Void> future = mine[0];
        // forget the key once its last task is done, so idle keys cost nothing
        future.whenComplete((ignored, error) -> tails.remove(key, future));
        return future;
    }

    /** True while the key has a task queued or running. */
    public boolean isBusy(String key) {
        return tails.containsKey(key);
    }
}
