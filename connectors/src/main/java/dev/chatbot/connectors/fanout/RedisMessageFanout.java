package dev.chatbot.connectors.fanout;

import dev.chatbot.core.conversation.ConversationEvent;
import dev.chatbot.core.fanout.InProcessMessageFanout;
import dev.chatbot.core.port.MessageFanout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

import java.net.URI;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Fan-out across nodes through one Redis pub/sub channel. An event is delivered to this node's listeners at once and
 * published to Redis by a background thread (a slow or absent Redis never holds up a bot turn); every node subscribes to
 * the channel and delivers events published by the others to its own listeners. Redis pub/sub does not store: an event
 * missed while a node was disconnected is caught up from the database, because sockets deliver messages by sequence
 * number and fill gaps from the store.
 */
public final class RedisMessageFanout implements MessageFanout, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisMessageFanout.class);

    private final String node = UUID.randomUUID().toString();
    private final InProcessMessageFanout local = new InProcessMessageFanout();
    private final HostAndPort address;
    private final DefaultJedisClientConfig clientConfig;
    private final String channel;
    private final BlockingQueue<String> pending;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread publishing;
    private final Thread subscribing;
    private volatile JedisPubSub subscription;
    private volatile boolean subscribed;

    public RedisMessageFanout(URI redis, String channel, int maxPending) {
        this.address = new HostAndPort(redis.getHost(), redis.getPort() > 0 ? redis.getPort() : 6379);
        DefaultJedisClientConfig.Builder cfg = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(2000).socketTimeoutMillis(2000);
        String userInfo = redis.getUserInfo();
        if (userInfo != null) {
            String[] parts = userInfo.split(":", 2);
            if (parts.length == 2) {
                cfg.user(parts[0].isEmpty() ? null : parts[0]).password(parts[1]);
            } else {
                cfg.password(parts[0]);
            }
        }
        String path = redis.getPath() == null ? "" : redis.getPath().replace("/", "");
        if (!path.isEmpty()) {
            cfg.database(Integer.parseInt(path));
        }
        this.clientConfig = cfg.build();
        this.channel = channel;
        this.pending = new ArrayBlockingQueue<>(Math.max(16, maxPending));
        this.publishing = Thread.ofPlatform().daemon().name("chatbot-fanout-publish").start(this::publishLoop);
        this.subscribing = Thread.ofPlatform().daemon().name("chatbot-fanout-subscribe").start(this::subscribeLoop);
    }

    @Override
    public void publish(ConversationEvent event) {
        local.publish(event);
        if (!pending.offer(EventCodec.write(node, event))) {
            LOG.atWarn().addKeyValue("conversation", event.conversationId())
                    .log("fan-out queue to Redis is full; other nodes will catch up from the database");
        }
    }

    @Override
    public Subscription subscribe(String conversationId, Consumer<ConversationEvent> listener) {
        return local.subscribe(conversationId, listener);
    }

    @Override
    public Subscription subscribeAll(Consumer<ConversationEvent> listener) {
        return local.subscribeAll(listener);
    }

    /** True once this node listens on the channel (for health checks and tests). */
    public boolean isSubscribed() {
        return subscribed;
    }

    /** One connection, used only by this thread, opened again after a failure. */
    private void publishLoop() {
        Jedis publisher = null;
        while (running.get()) {
            try {
                String payload = pending.poll(200, TimeUnit.MILLISECONDS);
                if (payload != null) {
                    if (publisher == null) {
                        publisher = new Jedis(address, clientConfig);
                    }
                    publisher.publish(channel, payload);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.atWarn().addKeyValue("error", e.getMessage()).log("could not publish to Redis; dropped one event");
                closeQuietly(publisher);
                publisher = null;
                sleep(500);
            }
        }
        closeQuietly(publisher);
    }

    private static void closeQuietly(Jedis jedis) {
        if (jedis != null) {
            try {
                jedis.close();
            } catch (RuntimeException ignored) {
                // already broken
            }
        }
    }

    private void subscribeLoop() {
        long backoff = 250;
        while (running.get()) {
            try (Jedis jedis = new Jedis(address, clientConfig)) {
                jedis.getConnection().setTimeoutInfinite();
                JedisPubSub pubSub = new JedisPubSub() {
                    @Override
                    public void onMessage(String ch, String message) {
                        EventCodec.read(message).filter(e -> !e.node().equals(node))
                                .ifPresent(e -> local.publish(e.event()));
                    }

                    @Override
                    public void onSubscribe(String ch, int count) {
                        subscribed = true;
                        LOG.atInfo().addKeyValue("channel", ch).log("listening to conversation events from other nodes");
                    }
                };
                subscription = pubSub;
                backoff = 250;
                jedis.subscribe(pubSub, channel);
            } catch (RuntimeException e) {
                subscribed = false;
                if (running.get()) {
                    LOG.atWarn().addKeyValue("error", e.getMessage()).addKeyValue("retry_ms", backoff)
                            .log("Redis subscription lost; retrying");
                    sleep(backoff);
                    backoff = Math.min(backoff * 2, 5000);
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        JedisPubSub s = subscription;
        if (s != null && s.isSubscribed()) {
            try {
                s.unsubscribe();
            } catch (RuntimeException ignored) {
                // closing anyway
            }
        }
        publishing.interrupt();
    }
}
