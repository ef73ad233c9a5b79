package dev.chatbot.connectors.nlu;

import dev.chatbot.nlp.FaqHit;
import dev.chatbot.nlp.NluEngine;
import dev.chatbot.nlp.NluResult;

import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * Lets at most a fixed number of analyses run at once. Bot turns run on virtual threads, which would otherwise start
 * as many CPU-bound analyses as there are messages; bounding them keeps latency predictable and leaves CPU for I/O.
 */
final class BoundedNluEngine implements NluEngine {

    private final NluEngine delegate;
    private final Semaphore permits;

    BoundedNluEngine(NluEngine delegate, Semaphore permits) {
        this.delegate = delegate;
        this.permits = permits;
    }

    @Override
    public NluResult analyze(String text) {
        permits.acquireUninterruptibly();
        try {
            return delegate.analyze(text);
        } finally {
            permits.release();
        }
    }

    @Override
    public List<NluResult> analyzeAll(List<String> texts) {
        permits.acquireUninterruptibly();
        try {
            return delegate.analyzeAll(texts);
        } finally {
            permits.release();
        }
    }

    @Override
    public List<FaqHit> searchFaq(String query, int limit) {
        permits.acquireUninterruptibly();
        try {
            return delegate.searchFaq(query, limit);
        } finally {
            permits.release();
        }
    }

    @Override
    public String modelVersion() {
        return delegate.modelVersion();
    }
}
