package dev.chatbot.connectors.auth;

import dev.chatbot.connectors.http.ApiException;
import dev.chatbot.connectors.security.TokenSigner;
import dev.chatbot.connectors.security.TokenVerdict;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Signs staff in and checks their tokens.
 *
 * <p>Sign-in answers an unknown username, a wrong password and a disabled account with the same error after the same
 * amount of work (a password hash is always computed). Repeated failures lock the account (in the database) and the
 * network address (in memory); a username without an account locks the same way, so lockouts reveal nothing either.
 * Hashing is deliberately slow, so at most one hash per core runs at a time.
 *
 * <p>Tokens are signed with purpose {@code a} and name the user and their token version; every check reads the account,
 * so a disabled account, a reset password or a sign-out ends its sessions at once.
 */
@Singleton
public class Authenticator {

    static final String TOKEN_PURPOSE = "a";
    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);

    private final UserStore users;
    private final PasswordHasher hasher;
    private final TokenSigner tokens;
    private final AuthConfig config;
    private final Clock clock;
    private final LoginThrottle throttle;
    private final Semaphore hashing = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));
    /** Checked against when the user does not exist, so that the answer takes as long as for a real one. */
    private volatile String decoy;

    public Authenticator(UserStore users, PasswordHasher hasher, TokenSigner tokens, AuthConfig config, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
        this.config = config;
        this.clock = clock;
        this.throttle = new LoginThrottle(config.getMaxFailuresPerAddress(), config.getAddressWindow(),
                config.getMaxFailedAttempts(), config.getLockout());
    }

    /** A successful sign-in. */
    public record Session(String token, StaffUser user, Instant expiresAt) {
    }

    /**
     * @param address the caller's network address, for per-address limits
     * @throws ApiException 401 {@code invalid_credentials} or 429 {@code too_many_attempts}
     */
    public Session login(String username, String password, String address) {
        Instant now = clock.instant();
        String name = username.strip().toLowerCase(Locale.ROOT);
        Optional<Duration> addressWait = throttle.addressBlocked(address, now);
        if (addressWait.isPresent()) {
            LOG.atWarn().addKeyValue("address", address).log("sign-in refused: too many failures from this address");
            throw tooMany(addressWait.get());
        }
        Optional<StaffUser> user = USERNAME.matcher(name).matches() ? users.find(name) : Optional.empty();
        Optional<Instant> locked = user.isPresent()
                ? user.get().lockedUntil().filter(now::isBefore)
                : throttle.unknownUserLocked(name, now);
        if (locked.isPresent()) {
            LOG.atInfo().addKeyValue("user", name).addKeyValue("address", address).log("sign-in refused: locked");
            throw tooMany(Duration.between(now, locked.get()));
        }
        boolean matches = checkPassword(password, user.isPresent() ? user.get().passwordHash() : decoy());
        if (!matches || user.isEmpty() || !user.get().enabled()) {
            throttle.addressFailed(address, now);
            Optional<Instant> nowLocked = user.isPresent()
                    ? users.recordFailure(name, config.getMaxFailedAttempts(), config.getLockout(), now)
                    : throttle.unknownUserFailed(name, now);
            LOG.atInfo().addKeyValue("user", name).addKeyValue("address", address)
                    .addKeyValue("locked", nowLocked.isPresent()).log("sign-in failed");
            throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid_credentials", "Wrong username or password.");
        }
        StaffUser u = user.get();
        users.recordSuccess(name, now);
        if (hasher.needsRehash(u.passwordHash())) {
            users.rehash(name, hasher.hash(password.toCharArray()));
        }
        Instant expires = now.plus(config.getTokenTtl());
        String token = tokens.issue(TOKEN_PURPOSE, name + ":" + u.tokenVersion(), config.getTokenTtl());
        LOG.atInfo().addKeyValue("user", name).addKeyValue("role", u.role().wireName()).log("signed in");
        return new Session(token, u, expires);
    }

    private String decoy() {
        String d = decoy;
        if (d == null) {
            // made on first use rather than at start-up: a hash takes about a second with the default iterations
            d = hasher.hash("decoy password that nobody has".toCharArray());
            decoy = d;
        }
        return d;
    }

    private boolean checkPassword(String password, String hash) {
        boolean acquired = false;
        try {
            acquired = hashing.tryAcquire(10, TimeUnit.SECONDS);
            if (!acquired) {
                throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "busy", "Too many sign-ins at once; try again shortly.");
            }
            // an empty password still costs a hash, so it answers no faster than a wrong one
            boolean ok = hasher.verify((password.isEmpty() ? "\u0000" : password).toCharArray(), hash);
            return ok && !password.isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "busy", "Interrupted; try again.");
        } finally {
            if (acquired) {
                hashing.release();
            }
        }
    }

    private static ApiException tooMany(Duration wait) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts",
                "Too many failed sign-ins. Try again in " + minutes + (minutes == 1 ? " minute." : " minutes."));
    }

    /** The enabled account a token belongs to, or empty when the token is missing, forged, expired or revoked. */
    public Optional<StaffUser> authenticate(String token) {
        TokenVerdict verdict = tokens.verify(TOKEN_PURPOSE, token);
        if (!verdict.isValid()) {
            LOG.atDebug().addKeyValue("reason", verdict.problem()).log("staff token refused");
            return Optional.empty();
        }
        String subject = verdict.subject().get();
        int colon = subject.lastIndexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String name = subject.substring(0, colon);
        String version = subject.substring(colon + 1);
        return users.find(name)
                .filter(StaffUser::enabled)
                .filter(u -> Integer.toString(u.tokenVersion()).equals(version));
    }

    /** Ends every session of the user (all their tokens stop working). */
    public void logout(StaffUser user) {
        users.bumpTokenVersion(user.username());
        LOG.atInfo().addKeyValue("user", user.username()).log("signed out");
    }
}
