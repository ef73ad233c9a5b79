package dev.chatbot.connectors.auth;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/** Sign-in settings for agents and admins ({@code chatbot.auth.*}). */
@ConfigurationProperties("chatbot.auth")
public class AuthConfig {

    private Duration tokenTtl = Duration.ofHours(8);
    private int passwordIterations = 600_000;
    private int minPasswordLength = 12;
    private int maxFailedAttempts = 5;
    private Duration lockout = Duration.ofMinutes(15);
    private int maxFailuresPerAddress = 20;
    private Duration addressWindow = Duration.ofMinutes(15);
    private List<String> allowedOrigins = List.of();

    /** How long an agent or admin token stays valid. */
    public Duration getTokenTtl() {
        return tokenTtl;
    }

    public void setTokenTtl(Duration tokenTtl) {
        this.tokenTtl = tokenTtl;
    }

    /** PBKDF2-HMAC-SHA256 iterations for new password hashes (stored hashes keep their own count). */
    public int getPasswordIterations() {
        return passwordIterations;
    }

    public void setPasswordIterations(int passwordIterations) {
        this.passwordIterations = passwordIterations;
    }

    /** Shortest password accepted for a new account or a reset. */
    public int getMinPasswordLength() {
        return minPasswordLength;
    }

    public void setMinPasswordLength(int minPasswordLength) {
        this.minPasswordLength = minPasswordLength;
    }

    /** Failed sign-ins in a row after which an account is locked for {@link #getLockout()}. */
    public int getMaxFailedAttempts() {
        return maxFailedAttempts;
    }

    public void setMaxFailedAttempts(int maxFailedAttempts) {
        this.maxFailedAttempts = maxFailedAttempts;
    }

    /** How long an account stays locked after too many failed sign-ins. */
    public Duration getLockout() {
        return lockout;
    }

    public void setLockout(Duration lockout) {
        this.lockout = lockout;
    }

    /** Failed sign-ins from one network address within {@link #getAddressWindow()} before it is refused. */
    public int getMaxFailuresPerAddress() {
        return maxFailuresPerAddress;
    }

    public void setMaxFailuresPerAddress(int maxFailuresPerAddress) {
        this.maxFailuresPerAddress = maxFailuresPerAddress;
    }

    public Duration getAddressWindow() {
        return addressWindow;
    }

    public void setAddressWindow(Duration addressWindow) {
        this.addressWindow = addressWindow;
    }

    /**
     * Origins (scheme://host[:port]) whose pages may call the agent and admin APIs besides this server's own pages
     * (for a console served behind a proxy under another name). Empty: only this server's pages.
     */
    public List<String> getAllowedOrigins() {
        return allowedOrigins;
    }

    public void setAllowedOrigins(List<String> allowedOrigins) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }
}
