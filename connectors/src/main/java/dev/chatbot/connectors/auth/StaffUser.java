package dev.chatbot.connectors.auth;

import dev.chatbot.core.agent.Agent;

import java.time.Instant;
import java.util.Optional;

/**
 * A staff account as stored.
 *
 * @param username       login name: lower case, 2-64 of {@code a-z 0-9 . _ -}
 * @param displayName    the name customers and colleagues see
 * @param role           agent or admin
 * @param passwordHash   the slow salted hash; never leaves the server
 * @param enabled        disabled accounts cannot sign in and their tokens stop working
 * @param failedAttempts failed sign-ins in a row since the last success or lockout
 * @param lockedUntil    no sign-in before this time, after too many failures
 * @param tokenVersion   part of every token; bumping it ends every session of the account
 */
public record StaffUser(String username, String displayName, StaffRole role, String passwordHash, boolean enabled,
                        int failedAttempts, Optional<Instant> lockedUntil, int tokenVersion, Instant createdAt,
                        Optional<Instant> lastLoginAt) {

    public boolean isAdmin() {
        return role == StaffRole.ADMIN;
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil.filter(now::isBefore).isPresent();
    }

    /** This user as the agent desk sees them. */
    public Agent asAgent() {
        return new Agent(username, displayName, isAdmin());
    }

    @Override
    public String toString() {
        return "StaffUser[" + username + ", " + role.wireName() + (enabled ? "" : ", disabled") + "]";
    }
}
