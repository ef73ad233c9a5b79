package dev.chatbot.connectors.config;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.Optional;

/** Secrets. Without a configured token secret the server creates a random one under its home folder. */
@ConfigurationProperties("chatbot.security")
public class SecurityConfig {

    private String tokenSecret;

    /** Key for signing widget and agent tokens (at least 32 characters); share it between nodes. */
    public Optional<String> getTokenSecret() {
        return Optional.ofNullable(tokenSecret).filter(s -> !s.isBlank());
    }

    public void setTokenSecret(String tokenSecret) {
        this.tokenSecret = tokenSecret;
    }

    @Override
    public String toString() {
        return "SecurityConfig[tokenSecret=" + (tokenSecret == null ? "<generated>" : "<set>") + "]";
    }
}
