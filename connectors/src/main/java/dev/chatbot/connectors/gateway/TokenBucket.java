package dev.chatbot.connectors.gateway;

/**
 * A token bucket: {@code capacity} actions in a burst, refilled at {@code perMinute}. Thread-safe; tiny, because
 * every open socket holds one.
 */
public final class TokenBucket {

    private final int capacity;
    private final double perNano;
    private double tokens;
    private long last;

    public TokenBucket(int capacity, int perMinute, long nowNanos) {
        this.capacity = capacity;
        this.perNano = perMinute / 60e9;
        this.tokens = capacity;
        this.last = nowNanos;
    }

    /** Takes one token if there is one. */
    public synchronized boolean tryTake(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - last) * perNano);
        last = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
