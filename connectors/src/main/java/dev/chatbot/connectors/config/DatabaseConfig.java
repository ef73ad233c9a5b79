package dev.chatbot.connectors.config;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.Optional;

/**
 * The relational database. Without a URL the server uses an embedded H2 file database under
 * {@code <home>/db}; for production set a PostgreSQL URL ({@code CHATBOT_DATABASE_URL}).
 */
@ConfigurationProperties("chatbot.database")
public class DatabaseConfig {

    private String url;
    private String username;
    private String password;
    private int maxPoolSize = 10;
    private Duration responseTimeout = Duration.ofSeconds(10);

    /** JDBC URL, e.g. {@code jdbc:postgresql://db:5432/chatbot}; empty for the embedded H2 database. */
    public Optional<String> getUrl() {
        return Optional.ofNullable(url).filter(u -> !u.isBlank());
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public Optional<String> getUsername() {
        return Optional.ofNullable(username);
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public Optional<String> getPassword() {
        return Optional.ofNullable(password);
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public int getMaxPoolSize() {
        return maxPoolSize;
    }

    public void setMaxPoolSize(int maxPoolSize) {
        this.maxPoolSize = maxPoolSize;
    }

    /**
     * PostgreSQL: how long to wait for the database to answer on a connection before giving that connection up (the
     * driver's {@code socketTimeout}). Without it a network that silently drops packets leaves a customer's message
     * waiting forever instead of failing with {@code store_unavailable}. Whole seconds, at least one.
     */
    public Duration getResponseTimeout() {
        return responseTimeout;
    }

    public void setResponseTimeout(Duration responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    @Override
    public String toString() {
        // never the password
        return "DatabaseConfig[url=" + getUrl().orElse("<embedded h2>") + ", username=" + username + "]";
    }
}
