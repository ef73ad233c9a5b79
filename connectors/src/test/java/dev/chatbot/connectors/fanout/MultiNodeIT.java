package dev.chatbot.connectors.fanout;

import dev.chatbot.connectors.testing.ChatClient;
import dev.chatbot.connectors.testing.Postgres;
import dev.chatbot.connectors.testing.TestServer;
import dev.chatbot.connectors.testing.TestServer.WidgetSession;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server nodes sharing one PostgreSQL database, one token secret and one Redis channel: a customer with a tab on
 * each node sees every message in both, including the bot's answers produced on the other node.
 */
class MultiNodeIT {

    @Test
    void two_nodes_serve_one_conversation() {
        String channel = "chatbot:test:" + UUID.randomUUID();
        try (Postgres pg = Postgres.createDatabase()) {
            Map<String, Object> shared = Map.of(
                    "chatbot.database.url", pg.url(),
                    "chatbot.database.username", pg.user(),
                    "chatbot.database.password", pg.password(),
                    "chatbot.security.token-secret", "a-secret-shared-by-both-nodes-0123456789",
                    "chatbot.fanout.redis-url", RedisMessageFanoutIT.REDIS.toString(),
                    "chatbot.fanout.channel", channel);
            try (TestServer a = TestServer.start(shared); TestServer b = TestServer.start(shared)) {
                RedisMessageFanout fa = (RedisMessageFanout) a.context().getBean(dev.chatbot.core.port.MessageFanout.class);
                RedisMessageFanout fb = (RedisMessageFanout) b.context().getBean(dev.chatbot.core.port.MessageFanout.class);
                for (int i = 0; i < 100 && !(fa.isSubscribed() && fb.isSubscribed()); i++) {
                    sleep(50);
                }
                WidgetSession s = a.newSession();
                try (ChatClient tabOnA = a.connect(s); ChatClient tabOnB = b.connect(s)) {
                    tabOnA.awaitType("state");
                    tabOnB.awaitType("state");
                    long seq = tabOnA.say("n1", "how long does shipping take?");
                    assertThat(tabOnB.awaitSeq(seq).get("text").asText()).isEqualTo("how long does shipping take?");
                    assertThat(tabOnB.awaitSeq(seq + 1).path("sources").toString()).contains("shipping-times");
                    long seq2 = tabOnB.say("n2", "thanks!");
                    assertThat(tabOnA.awaitSeq(seq2).get("text").asText()).isEqualTo("thanks!");
                    tabOnA.awaitSeq(seq2 + 1);
                }
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
