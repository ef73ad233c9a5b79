package dev.chatbot.connectors.config;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * Limits that protect the server from hostile or broken clients at the connection level: slow requests, sockets
 * that do not read, many sessions, sockets or messages from one network address, and how that address is found
 * behind a reverse proxy. Documented in docs/configuration.md and docs/security.md.
 */
@ConfigurationProperties("chatbot.network")
public class NetworkConfig {

    private Duration requestReadTimeout = Duration.ofSeconds(30);
    private Duration writeStallTimeout = Duration.ofSeconds(30);
    private int maxPendingWriteBytes = 1024 * 1024;
    private List<String> trustedProxies = List.of();
    private int sessionBurst = 60;
    private int sessionsPerMinute = 300;
    private int maxSocketsPerAddress = 200;
    private int messageBurst = 200;
    private int messagesPerMinute = 1200;
    private boolean websocketCompression;

    /**
     * Time a connection has to deliver a whole request (its headers and its body), counted from when it connected
     * or from the end of its previous response. Slow-header and slow-body clients (slowloris) and idle keep-alive
     * connections are closed after it.
     */
    public Duration getRequestReadTimeout() {
        return requestReadTimeout;
    }

    public void setRequestReadTimeout(Duration requestReadTimeout) {
        this.requestReadTimeout = requestReadTimeout;
    }

    /** A chat socket whose client takes none of what the server writes for this long is closed. */
    public Duration getWriteStallTimeout() {
        return writeStallTimeout;
    }

    public void setWriteStallTimeout(Duration writeStallTimeout) {
        this.writeStallTimeout = writeStallTimeout;
    }

    /** Bytes waiting to be written to one chat socket beyond which it is closed at once. */
    public int getMaxPendingWriteBytes() {
        return maxPendingWriteBytes;
    }

    public void setMaxPendingWriteBytes(int maxPendingWriteBytes) {
        this.maxPendingWriteBytes = maxPendingWriteBytes;
    }

    /**
     * Addresses (or CIDR ranges) of reverse proxies whose {@code X-Forwarded-For} header is believed. Empty: the
     * client's address is the socket's peer address, and the header is ignored.
     */
    public List<String> getTrustedProxies() {
        return trustedProxies;
    }

    public void setTrustedProxies(List<String> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /** Widget sessions one address may create at once. */
    public int getSessionBurst() {
        return sessionBurst;
    }

    public void setSessionBurst(int sessionBurst) {
        this.sessionBurst = sessionBurst;
    }

    /** Widget sessions one address may create per minute, sustained. */
    public int getSessionsPerMinute() {
        return sessionsPerMinute;
    }

    public void setSessionsPerMinute(int sessionsPerMinute) {
        this.sessionsPerMinute = sessionsPerMinute;
    }

    /** Chat sockets one address may hold open at the same time. */
    public int getMaxSocketsPerAddress() {
        return maxSocketsPerAddress;
    }

    public void setMaxSocketsPerAddress(int maxSocketsPerAddress) {
        this.maxSocketsPerAddress = maxSocketsPerAddress;
    }

    /** Chat messages one address may send at once, over all its sockets. */
    public int getMessageBurst() {
        return messageBurst;
    }

    public void setMessageBurst(int messageBurst) {
        this.messageBurst = messageBurst;
    }

    /** Chat messages one address may send per minute over all its sockets, sustained. */
    public int getMessagesPerMinute() {
        return messagesPerMinute;
    }

    public void setMessagesPerMinute(int messagesPerMinute) {
        this.messagesPerMinute = messagesPerMinute;
    }

    /**
     * Whether sockets may use permessage-deflate when the client offers it (browsers always do). Off by default: chat
     * frames are a few hundred bytes, so compressing them saves little, while it costs CPU for every frame and a
     * compressor and decompressor for every socket; see docs/benchmarks.md. When on, inflation is bounded by the
     * chat socket's message limit.
     */
    public boolean isWebsocketCompression() {
        return websocketCompression;
    }

    public void setWebsocketCompression(boolean websocketCompression) {
        this.websocketCompression = websocketCompression;
    }
}
