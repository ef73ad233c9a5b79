package dev.chatbot.connectors.config;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.Optional;

/**
 * How conversation events reach sockets: in process (one node, the default) or through Redis pub/sub when several
 * nodes share the load ({@code CHATBOT_FANOUT_REDIS_URL=redis://host:6379}).
 */
@ConfigurationProperties("chatbot.fanout")
public class FanoutConfig {

    private String redisUrl;
    private String channel = "chatbot:events";
    private int maxPending = 10_000;

    /** Redis URL ({@code redis://[user:password@]host:port[/db]}); empty for the in-process fan-out. */
    public Optional<String> getRedisUrl() {
        return Optional.ofNullable(redisUrl).filter(u -> !u.isBlank());
    }

    public void setRedisUrl(String redisUrl) {
        this.redisUrl = redisUrl;
    }

    /** The Redis channel all nodes of one deployment share. */
    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    /** Events waiting to be published to Redis before new ones are dropped (other nodes then catch up by seq). */
    public int getMaxPending() {
        return maxPending;
    }

    public void setMaxPending(int maxPending) {
        this.maxPending = maxPending;
    }

    @Override
    public String toString() {
        return "FanoutConfig[redis=" + (redisUrl == null ? "none" : "<set>") + ", channel=" + channel + "]";
    }
}
