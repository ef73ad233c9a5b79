package dev.chatbot.nlp.embedding;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded least-recently-used map from text to its embedding. Thread-safe (one lock; lookups are
 * nanoseconds next to the milliseconds an embedding costs). A capacity of zero disables caching.
 */
public final class EmbeddingCache {

    private final int capacity;
    private final LinkedHashMap<String, float[]> map;
    private long hits;
    private long misses;

    public EmbeddingCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("cache capacity must be >= 0, was " + capacity);
        }
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(Math.min(capacity, 1024) * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > EmbeddingCache.this.capacity;
            }
        };
    }

    /** The cached vector, or null. Callers must not modify the returned array. */
    public synchronized float[] get(String text) {
        float[] v = capacity == 0 ? null : map.get(text);
        if (v == null) {
            misses++;
        } else {
            hits++;
        }
        return v;
    }

    public synchronized void put(String text, float[] vector) {
        if (capacity > 0) {
            map.put(text, vector);
        }
    }

    public synchronized int size() {
        return map.size();
    }

    public int capacity() {
        return capacity;
    }

    public synchronized long hits() {
        return hits;
    }

    public synchronized long misses() {
        return misses;
    }

    public synchronized void clear() {
        map.clear();
    }
}
