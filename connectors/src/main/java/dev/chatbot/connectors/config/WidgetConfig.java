package dev.chatbot.connectors.config;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/** Settings of the customer side: sessions, tokens, socket limits. */
@ConfigurationProperties("chatbot.widget")
public class WidgetConfig {

    private int maxTextLength = 4000;
    private Duration tokenTtl = Duration.ofHours(24);
    private List<String> allowedOrigins = List.of();
    private int rateLimitBurst = 10;
    private int rateLimitPerMinute = 40;
    private int historyPageSize = 200;
    private int frameBurst = 100;
    private int framesPerSecond = 20;

    /** Longest customer message in characters; longer ones get an {@code error} frame and are not stored. */
    public int getMaxTextLength() {
        return maxTextLength;
    }

    public void setMaxTextLength(int maxTextLength) {
        this.maxTextLength = maxTextLength;
    }

    /** How long a widget token stays valid after it is issued. */
    public Duration getTokenTtl() {
        return tokenTtl;
    }

    public void setTokenTtl(Duration tokenTtl) {
        this.tokenTtl = tokenTtl;
    }

    /**
     * Origins (scheme://host[:port]) allowed to open the chat socket from a browser. Empty: only pages served
     * by this server (the Origin's host equals the Host header). Clients that send no Origin are not browsers
     * and are allowed.
     */
    public List<String> getAllowedOrigins() {
        return allowedOrigins;
    }

    public void setAllowedOrigins(List<String> allowedOrigins) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** Messages a socket may send in a burst before it is rate limited. */
    public int getRateLimitBurst() {
        return rateLimitBurst;
    }

    public void setRateLimitBurst(int rateLimitBurst) {
        this.rateLimitBurst = rateLimitBurst;
    }

    /** Sustained messages per minute a socket may send. */
    public int getRateLimitPerMinute() {
        return rateLimitPerMinute;
    }

    public void setRateLimitPerMinute(int rateLimitPerMinute) {
        this.rateLimitPerMinute = rateLimitPerMinute;
    }

    /** How many messages one replay sends per database round trip. */
    public int getHistoryPageSize() {
        return historyPageSize;
    }

    public void setHistoryPageSize(int historyPageSize) {
        this.historyPageSize = historyPageSize;
    }

    /**
     * WebSocket frames of any kind (messages, fragments, pings, pongs) a chat socket may send in a burst. A socket
     * that goes beyond its frame budget is closed with 1008; the message rate limit above applies as well.
     */
    public int getFrameBurst() {
        return frameBurst;
    }

    public void setFrameBurst(int frameBurst) {
        this.frameBurst = frameBurst;
    }

    /** Sustained WebSocket frames per second a chat socket may send. */
    public int getFramesPerSecond() {
        return framesPerSecond;
    }

    public void setFramesPerSecond(int framesPerSecond) {
        this.framesPerSecond = framesPerSecond;
    }
}
