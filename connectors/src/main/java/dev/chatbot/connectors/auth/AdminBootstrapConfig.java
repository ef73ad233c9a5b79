package dev.chatbot.connectors.auth;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.Optional;

/**
 * The first admin account, from {@code CHATBOT_ADMIN_USERNAME} and {@code CHATBOT_ADMIN_PASSWORD}
 * ({@code chatbot.admin.*}). Used only to create the account when it does not exist yet; there is no default.
 */
@ConfigurationProperties("chatbot.admin")
public class AdminBootstrapConfig {

    private String username;
    private String password;
    private String displayName;

    public Optional<String> getUsername() {
        return Optional.ofNullable(username).map(String::strip).filter(s -> !s.isEmpty());
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public Optional<String> getPassword() {
        return Optional.ofNullable(password).filter(s -> !s.isEmpty());
    }

    public void setPassword(String password) {
        this.password = password;
    }

    /** Name shown for the admin; defaults to the username. */
    public Optional<String> getDisplayName() {
        return Optional.ofNullable(displayName).map(String::strip).filter(s -> !s.isEmpty());
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    @Override
    public String toString() {
        return "AdminBootstrapConfig[username=" + username + ", password=" + (password == null ? "<unset>" : "<set>") + "]";
    }
}
