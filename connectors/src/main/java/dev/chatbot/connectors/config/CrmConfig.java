package dev.chatbot.connectors.config;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Which CRM the order and refund handlers talk to, and how. Without a base URL the server uses the embedded demo
 * CRM in its own database; with one ({@code CHATBOT_CRM_BASE_URL}) it calls that CRM over HTTP (contracts section
 * 4). The timeouts and retries apply to the HTTP CRM only. Documented in {@code docs/crm.md}.
 */
@ConfigurationProperties("chatbot.crm")
public class CrmConfig {

    private String baseUrl;
    private String token;
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration requestTimeout = Duration.ofSeconds(3);
    private Duration totalTimeout = Duration.ofSeconds(6);
    private int maxAttempts = 3;
    private Duration retryBackoff = Duration.ofMillis(200);
    private int maxResponseBytes = 256 * 1024;
    private boolean seedDemoData = true;

    /** Base URL of the HTTP CRM, e.g. {@code https://crm.example.com/api}; empty selects the embedded demo CRM. */
    public Optional<URI> getBaseUrl() {
        return Optional.ofNullable(baseUrl).map(String::strip).filter(u -> !u.isEmpty()).map(CrmConfig::uri);
    }

    private static URI uri(String url) {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("chatbot.crm.base-url is not a valid URL: " + e.getMessage(), e);
        }
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Sent as {@code Authorization: Bearer <token>} to the HTTP CRM; never logged. */
    public Optional<String> getToken() {
        return Optional.ofNullable(token).map(String::strip).filter(t -> !t.isEmpty());
    }

    public void setToken(String token) {
        this.token = token;
    }

    /** Longest wait for a TCP (and TLS) connection to the HTTP CRM. */
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = positive("connect-timeout", connectTimeout);
    }

    /** Longest wait for one complete answer (headers and body) of the HTTP CRM. */
    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = positive("request-timeout", requestTimeout);
    }

    /** Longest a whole call may take, retries and their pauses included; the customer never waits longer. */
    public Duration getTotalTimeout() {
        return totalTimeout;
    }

    public void setTotalTimeout(Duration totalTimeout) {
        this.totalTimeout = positive("total-timeout", totalTimeout);
    }

    /** Attempts per call, the first included, where retrying is safe (see docs/crm.md). */
    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("chatbot.crm.max-attempts must be at least 1, was " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
    }

    /** Pause before the first retry; each further retry waits about twice as long. */
    public Duration getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(Duration retryBackoff) {
        if (retryBackoff.isNegative()) {
            throw new IllegalArgumentException("chatbot.crm.retry-backoff must not be negative, was " + retryBackoff);
        }
        this.retryBackoff = retryBackoff;
    }

    /** Largest response body accepted from the HTTP CRM, in bytes; a larger one is refused as a bad response. */
    public int getMaxResponseBytes() {
        return maxResponseBytes;
    }

    public void setMaxResponseBytes(int maxResponseBytes) {
        if (maxResponseBytes < 1024) {
            throw new IllegalArgumentException("chatbot.crm.max-response-bytes must be at least 1024, was "
                    + maxResponseBytes);
        }
        this.maxResponseBytes = maxResponseBytes;
    }

    /** Whether the embedded CRM fills an empty database with the demo customers and orders of docs/crm.md. */
    public boolean isSeedDemoData() {
        return seedDemoData;
    }

    public void setSeedDemoData(boolean seedDemoData) {
        this.seedDemoData = seedDemoData;
    }

    private static Duration positive(String key, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("chatbot.crm." + key + " must be a positive duration, was " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        // never the token
        return "CrmConfig[baseUrl=" + getBaseUrl().map(URI::toString).orElse("<embedded>")
                + ", token=" + (getToken().isPresent() ? "<set>" : "<none>")
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", totalTimeout=" + totalTimeout + ", maxAttempts=" + maxAttempts + "]";
    }
}
