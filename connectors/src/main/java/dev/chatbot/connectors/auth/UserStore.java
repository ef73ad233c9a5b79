package dev.chatbot.connectors.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Durable storage of staff accounts. Blocking; call it off I/O event loops. */
public interface UserStore {

    Optional<StaffUser> find(String username);

    /** Every account, admins first, then by username. */
    List<StaffUser> list();

    /**
     * Creates an enabled account.
     *
     * @return false when the username is taken (nothing changed)
     */
    boolean create(String username, String displayName, StaffRole role, String passwordHash);

    /** Changes name and role. */
    void update(String username, String displayName, StaffRole role);

    /** Enables or disables; disabling also ends every session. */
    void setEnabled(String username, boolean enabled);

    /** Replaces the password hash, clears any lockout and ends every session. */
    void setPassword(String username, String passwordHash);

    /** Replaces the password hash without ending sessions (a stronger hash of the same password). */
    void rehash(String username, String passwordHash);

    /** Clears failed attempts and any lockout. */
    void unlock(String username);

    /** Ends every session of the account. */
    void bumpTokenVersion(String username);

    /**
     * Counts a failed sign-in. When the count reaches {@code maxAttempts}, locks the account until {@code now + lockout}
     * and starts counting again.
     *
     * @return the lock's end when this failure locked the account
     */
    Optional<Instant> recordFailure(String username, int maxAttempts, Duration lockout, Instant now);

    /** Clears the failure count and records when the user signed in. */
    void recordSuccess(String username, Instant now);

    /** Enabled admin accounts. */
    int countEnabledAdmins();
}
