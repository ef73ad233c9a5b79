package dev.chatbot.connectors.fanout;

import dev.chatbot.core.conversation.ConversationEvent;
import dev.chatbot.core.conversation.ConversationState;
import dev.chatbot.core.conversation.Message;
import dev.chatbot.core.conversation.MessageSource;
import dev.chatbot.core.conversation.Role;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Two nodes on the machine's Redis: an event published on one reaches the other's listeners, once, intact. */
class RedisMessageFanoutIT {

    static final URI REDIS = URI.create(System.getenv().getOrDefault("CHATBOT_TEST_REDIS_URL", "redis://127.0.0.1:6379"));

    private static void awaitSubscribed(RedisMessageFanout f) throws InterruptedException {
        for (int i = 0; i < 100 && !f.isSubscribed(); i++) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertThat(f.isSubscribed()).as("subscribed to Redis at " + REDIS).isTrue();
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        for (int i = 0; i < 100 && list.size() < size; i++) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    @Test
    void an_event_published_on_one_node_reaches_the_other_once() throws Exception {
        String channel = "chatbot:test:" + UUID.randomUUID();
        try (RedisMessageFanout a = new RedisMessageFanout(REDIS, channel, 100);
             RedisMessageFanout b = new RedisMessageFanout(REDIS, channel, 100)) {
            awaitSubscribed(a);
            awaitSubscribed(b);
            List<ConversationEvent> onA = new CopyOnWriteArrayList<>();
            List<ConversationEvent> onB = new CopyOnWriteArrayList<>();
            List<ConversationEvent> agentsOnB = new CopyOnWriteArrayList<>();
            a.subscribe("conv-1", onA::add);
            b.subscribe("conv-1", onB::add);
            b.subscribeAll(agentsOnB::add);
            Message m = new Message("conv-1", 7, Role.BOT, "Standard shipping takes 3-5 days. <b>&</b> \uD83D\uDE00",
                    Instant.parse("2026-11-23T10:00:00.123456Z"), Optional.empty(), Optional.of("Dana"),
                    List.of("Track my order"), List.of(new MessageSource("shipping-times", "How long?")));
            a.publish(new ConversationEvent.MessageAdded("conv-1", m));
            a.publish(new ConversationEvent.StateChanged("conv-1", ConversationState.AGENT));
            a.publish(new ConversationEvent.PartialReply("conv-1", "c1", "Standard "));
            a.publish(new ConversationEvent.Typing("conv-1", Role.AGENT));

            awaitSize(onB, 4);
            assertThat(onB).hasSize(4);
            assertThat(((ConversationEvent.MessageAdded) onB.get(0)).message()).isEqualTo(m);
            assertThat(onB.get(1)).isEqualTo(new ConversationEvent.StateChanged("conv-1", ConversationState.AGENT));
            assertThat(agentsOnB).hasSize(4);
            TimeUnit.MILLISECONDS.sleep(200);
            assertThat(onA).as("the publishing node delivers locally once, not again from Redis").hasSize(4);
        }
    }

    @Test
    void garbage_on_the_channel_is_ignored() throws Exception {
        String channel = "chatbot:test:" + UUID.randomUUID();
        try (RedisMessageFanout a = new RedisMessageFanout(REDIS, channel, 100);
             redis.clients.jedis.Jedis raw = new redis.clients.jedis.Jedis(REDIS.getHost(), REDIS.getPort())) {
            awaitSubscribed(a);
            List<ConversationEvent> got = new CopyOnWriteArrayList<>();
            a.subscribeAll(got::add);
            raw.publish(channel, "not json");
            raw.publish(channel, "{\"node\":\"x\",\"conversationId\":\"c\",\"type\":\"unknown\"}");
            raw.publish(channel, "{\"node\":\"x\",\"conversationId\":\"c\",\"type\":\"state\",\"state\":\"agent\"}");
            awaitSize(got, 1);
            assertThat(got).containsExactly(new ConversationEvent.StateChanged("c", ConversationState.AGENT));
        }
    }
}
