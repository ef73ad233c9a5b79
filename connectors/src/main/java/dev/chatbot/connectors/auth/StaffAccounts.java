package dev.chatbot.connectors.auth;

import dev.chatbot.connectors.http.ApiException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Managing staff accounts: create, rename, change role, disable and enable, reset passwords, unlock. Refuses changes
 * that would leave no enabled admin, and tells listeners when an account's sessions end (so open consoles are closed
 * at once rather than at their next call).
 */
@Singleton
public class StaffAccounts {

    private static final Logger LOG = LoggerFactory.getLogger(StaffAccounts.class);
    private static final int MAX_PASSWORD_LENGTH = 256;
    private static final int MAX_DISPLAY_NAME = 100;

    private final UserStore users;
    private final PasswordHasher hasher;
    private final AuthConfig config;
    private final List<Consumer<String>> sessionsEnded = new CopyOnWriteArrayList<>();

    public StaffAccounts(UserStore users, PasswordHasher hasher, AuthConfig config) {
        this.users = users;
        this.hasher = hasher;
        this.config = config;
    }

    public List<StaffUser> list() {
        return users.list();
    }

    public StaffUser get(String username) {
        // a name no account can have is not looked up: PostgreSQL refuses some of them (NUL) as a database error
        Optional<StaffUser> user = username != null && Authenticator.USERNAME.matcher(username).matches()
                ? users.find(username) : Optional.empty();
        return user.orElseThrow(() ->
                new ApiException(HttpStatus.NOT_FOUND, "not_found", "There is no account '" + username + "'."));
    }

    /**
     * Creates an enabled account.
     *
     * @throws ApiException 400 for an invalid username, name or password; 409 when the username is taken
     */
    public StaffUser create(String username, String displayName, StaffRole role, String password) {
        String name = checkUsername(username);
        String shown = checkDisplayName(displayName);
        checkPassword(name, password);
        if (!users.create(name, shown, role, hasher.hash(password.toCharArray()))) {
            throw new ApiException(HttpStatus.CONFLICT, "username_taken", "The username '" + name + "' is taken.");
        }
        LOG.atInfo().addKeyValue("user", name).addKeyValue("role", role.wireName()).log("account created");
        return get(name);
    }

    /** Changes display name, role and whether the account is enabled; absent values stay as they are. */
    public StaffUser update(StaffUser actor, String username, Optional<String> displayName, Optional<StaffRole> role,
                            Optional<Boolean> enabled) {
        StaffUser user = get(username);
        StaffRole newRole = role.orElse(user.role());
        boolean newEnabled = enabled.orElse(user.enabled());
        boolean losesAdmin = user.isAdmin() && user.enabled() && (newRole != StaffRole.ADMIN || !newEnabled);
        if (losesAdmin && actor.username().equals(user.username())) {
            throw new ApiException(HttpStatus.CONFLICT, "own_account",
                    "You cannot disable your own account or remove your own admin role.");
        }
        if (losesAdmin && users.countEnabledAdmins() <= 1) {
            throw new ApiException(HttpStatus.CONFLICT, "last_admin", "At least one enabled admin must remain.");
        }
        String shown = displayName.isPresent() ? checkDisplayName(displayName.get()) : user.displayName();
        if (!shown.equals(user.displayName()) || newRole != user.role()) {
            users.update(username, shown, newRole);
        }
        if (newEnabled != user.enabled()) {
            users.setEnabled(username, newEnabled);
            if (!newEnabled) {
                endSessions(username);
            }
        }
        LOG.atInfo().addKeyValue("user", username).addKeyValue("by", actor.username())
                .addKeyValue("role", newRole.wireName()).addKeyValue("enabled", newEnabled).log("account updated");
        return get(username);
    }

    /** Sets a new password, clears any lockout and ends the account's sessions. */
    public StaffUser resetPassword(StaffUser actor, String username, String password) {
        StaffUser user = get(username);
        checkPassword(user.username(), password);
        users.setPassword(username, hasher.hash(password.toCharArray()));
        endSessions(username);
        LOG.atInfo().addKeyValue("user", username).addKeyValue("by", actor.username()).log("password reset");
        return get(username);
    }

    public StaffUser unlock(StaffUser actor, String username) {
        get(username);
        users.unlock(username);
        LOG.atInfo().addKeyValue("user", username).addKeyValue("by", actor.username()).log("account unlocked");
        return get(username);
    }

    /** Whether any admin account exists (enabled or not). */
    public boolean hasAdmin() {
        return users.list().stream().anyMatch(StaffUser::isAdmin);
    }

    /** Creates the account unless the username exists; returns whether it created it. */
    public boolean createIfAbsent(String username, String displayName, StaffRole role, String password) {
        if (users.find(checkUsername(username)).isPresent()) {
            return false;
        }
        create(username, displayName, role, password);
        return true;
    }

    /** Calls the listener with the username whenever all of an account's sessions end. */
    public void onSessionsEnded(Consumer<String> listener) {
        sessionsEnded.add(listener);
    }

    void endSessions(String username) {
        sessionsEnded.forEach(l -> {
            try {
                l.accept(username);
            } catch (RuntimeException e) {
                LOG.warn("session listener failed", e);
            }
        });
    }

    static String checkUsername(String username) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (!Authenticator.USERNAME.matcher(name).matches()) {
            throw ApiException.badRequest("invalid_field",
                    "Field 'username' must be 2-64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit.");
        }
        return name;
    }

    static String checkDisplayName(String displayName) {
        String shown = displayName == null ? "" : displayName.strip();
        if (shown.isEmpty() || shown.length() > MAX_DISPLAY_NAME || shown.codePoints().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("invalid_field",
                    "Field 'displayName' must be 1-" + MAX_DISPLAY_NAME + " characters without control characters.");
        }
        return shown;
    }

    void checkPassword(String username, String password) {
        if (password == null || password.length() < config.getMinPasswordLength()) {
            throw ApiException.badRequest("weak_password",
                    "The password must have at least " + config.getMinPasswordLength() + " characters.");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw ApiException.badRequest("invalid_field", "The password is longer than " + MAX_PASSWORD_LENGTH + " characters.");
        }
        if (password.strip().equalsIgnoreCase(username)) {
            throw ApiException.badRequest("weak_password", "The password must not be the username.");
        }
    }
}
