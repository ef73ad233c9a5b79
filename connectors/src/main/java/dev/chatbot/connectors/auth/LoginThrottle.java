package dev.chatbot.connectors.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * In-memory limits on failed sign-ins that the database does not keep: per network address (a sliding window of
 * failures), and per username that has no account (so that guessing an unknown name locks out exactly like guessing
 * a real one, and the answers do not reveal which names exist). Bounded: the oldest entries are forgotten first.
 */
final class LoginThrottle {

    private static final int MAX_ENTRIES = 10_000;

    private final int maxPerAddress;
    private final Duration window;
    private final int maxAttempts;
    private final Duration lockout;
    private final Map<String, Deque<Instant>> byAddress = lru();
    private final Map<String, Unknown> unknownUsers = lru();

    private static final class Unknown {
        int attempts;
        Instant lockedUntil = Instant.MIN;
    }

    LoginThrottle(int maxPerAddress, Duration window, int maxAttempts, Duration lockout) {
        this.maxPerAddress = maxPerAddress;
        this.window = window;
        this.maxAttempts = maxAttempts;
        this.lockout = lockout;
    }

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_ENTRIES;
            }
        };
    }

    /** How long this address must wait, when it has failed too often recently. */
    synchronized Optional<Duration> addressBlocked(String address, Instant now) {
        Deque<Instant> failures = byAddress.get(address);
        if (failures == null) {
            return Optional.empty();
        }
        prune(failures, now);
        if (failures.size() < maxPerAddress) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, failures.peekFirst().plus(window)));
    }

    synchronized void addressFailed(String address, Instant now) {
        Deque<Instant> failures = byAddress.computeIfAbsent(address, a -> new ArrayDeque<>());
        prune(failures, now);
        failures.addLast(now);
        while (failures.size() > maxPerAddress) {
            failures.removeFirst();
        }
    }

    private void prune(Deque<Instant> failures, Instant now) {
        Instant oldest = now.minus(window);
        while (!failures.isEmpty() && !failures.peekFirst().isAfter(oldest)) {
            failures.removeFirst();
        }
    }

    /** The end of the lockout of a username without an account, if it is locked. */
    synchronized Optional<Instant> unknownUserLocked(String username, Instant now) {
        Unknown u = unknownUsers.get(username);
        return u != null && now.isBefore(u.lockedUntil) ? Optional.of(u.lockedUntil) : Optional.empty();
    }

    /** Counts a failure for a username without an account, as the database does for real ones. */
    synchronized Optional<Instant> unknownUserFailed(String username, Instant now) {
        Unknown u = unknownUsers.computeIfAbsent(username, n -> new Unknown());
        u.attempts++;
        if (u.attempts >= maxAttempts) {
            u.attempts = 0;
            u.lockedUntil = now.plus(lockout);
            return Optional.of(u.lockedUntil);
        }
        return Optional.empty();
    }
}
