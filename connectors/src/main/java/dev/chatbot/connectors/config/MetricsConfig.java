package dev.chatbot.connectors.config;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.Optional;

/**
 * Who may read the server's metrics besides admins ({@code chatbot.metrics.*}). Without a token {@code GET /metrics}
 * does not exist; admins can always read {@code GET /api/admin/metrics}.
 */
@ConfigurationProperties("chatbot.metrics")
public class MetricsConfig {

    /** Shortest token accepted: a guessable token would open the endpoint to anyone. */
    public static final int MIN_TOKEN_LENGTH = 24;

    private String token;

    /** Bearer token for {@code GET /metrics} (a Prometheus scraper, a load script); empty: that path is off. */
    public Optional<String> getToken() {
        return Optional.ofNullable(token).map(String::strip).filter(s -> !s.isEmpty());
    }

    public void setToken(String token) {
        this.token = token;
    }

    @Override
    public String toString() {
        return "MetricsConfig[token=" + (getToken().isPresent() ? "<set>" : "<none>") + "]";
    }
}
