package dev.chatbot.connectors.nlu;

import dev.chatbot.nlp.FaqHit;
import dev.chatbot.nlp.NluEngine;
import dev.chatbot.nlp.NluResult;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs analyses on a fixed pool of platform threads ({@link NluThreads}), in the order they were asked for. Bot turns
 * run on virtual threads; an analysis is CPU-bound (and the sentence encoder runs in native code, which pins its
 * carrier), so running it on the turn's own virtual thread could occupy every carrier of the virtual-thread scheduler
 * and starve the database and socket work queued behind it (under load this showed as connection-pool time-outs while
 * the pool was idle). On platform threads the operating system shares the cores between analyses and that I/O; the
 * calling virtual thread just waits, unmounted.
 */
final class BoundedNluEngine implements NluEngine {

    private final NluEngine delegate;
    private final ExecutorService threads;

    BoundedNluEngine(NluEngine delegate, ExecutorService threads) {
        this.delegate = delegate;
        this.threads = threads;
    }

    @Override
    public NluResult analyze(String text) {
        return run(() -> delegate.analyze(text));
    }

    @Override
    public List<NluResult> analyzeAll(List<String> texts) {
        return run(() -> delegate.analyzeAll(texts));
    }

    @Override
    public List<FaqHit> searchFaq(String query, int limit) {
        return run(() -> delegate.searchFaq(query, limit));
    }

    @Override
    public String modelVersion() {
        return delegate.modelVersion();
    }

    private <T> T run(Supplier<T> work) {
        if (NluThreads.isNluThread()) {
            return work.get(); // already on an analysis thread: waiting for another one could deadlock
        }
        Future<T> result = threads.submit(work::get);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the turn still needs its answer; the interrupt is kept for the caller
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("analysis failed", cause);
        } catch (CancellationException e) {
            throw new IllegalStateException("analysis cancelled: the server is stopping", e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
