package dev.chatbot.connectors.network;

import dev.chatbot.connectors.config.NetworkConfig;
import dev.chatbot.connectors.gateway.TokenBucket;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Limits per client address (see {@link ClientAddresses}), on top of the per-socket ones: widget sessions created
 * (a token bucket), chat sockets open at once (a count), and chat messages over all of an address's sockets (a
 * token bucket). One address spreading a flood over many sockets or sessions meets these; other addresses do not.
 * In memory and bounded: the least recently seen addresses are forgotten first.
 */
@Singleton
public final class AddressLimits {

    private static final int MAX_ADDRESSES = 100_000;

    private final NetworkConfig config;
    private final Map<String, Address> byAddress = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Address> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    public AddressLimits(NetworkConfig config) {
        this.config = config;
    }

    /** The limits of one address, created on first use. */
    public Address of(String address) {
        synchronized (byAddress) {
            return byAddress.computeIfAbsent(address, a -> new Address(config, System.nanoTime()));
        }
    }

    /** How long a client refused a session should wait before trying again. */
    public Duration sessionRetryAfter() {
        return Duration.ofSeconds(Math.max(1, (long) Math.ceil(60.0 / Math.max(1, config.getSessionsPerMinute()))));
    }

    /** What one address may still do. Thread-safe. */
    public static final class Address {
        private final TokenBucket sessions;
        private final TokenBucket messages;
        private final AtomicInteger sockets = new AtomicInteger();
        private final int maxSockets;

        Address(NetworkConfig config, long nowNanos) {
            this.sessions = new TokenBucket(config.getSessionBurst(), config.getSessionsPerMinute(), nowNanos);
            this.messages = new TokenBucket(config.getMessageBurst(), config.getMessagesPerMinute(), nowNanos);
            this.maxSockets = config.getMaxSocketsPerAddress();
        }

        /** Takes one widget session from the address's budget, if there is one left. */
        public boolean takeSession(long nowNanos) {
            return sessions.tryTake(nowNanos);
        }

        /** Takes one chat message from the address's budget, if there is one left. */
        public boolean takeMessage(long nowNanos) {
            return messages.tryTake(nowNanos);
        }

        /** Counts an opened chat socket; false (and not counted) when the address already has its maximum open. */
        public boolean openSocket() {
            if (sockets.incrementAndGet() > maxSockets) {
                sockets.decrementAndGet();
                return false;
            }
            return true;
        }

        /** Forgets a socket counted by {@link #openSocket()}. */
        public void closeSocket() {
            sockets.decrementAndGet();
        }

        public int openSockets() {
            return sockets.get();
        }
    }
}
