package dev.chatbot.connectors.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatbot.connectors.testing.ChatClient;
import dev.chatbot.connectors.testing.Frames;
import dev.chatbot.connectors.testing.TestServer;
import dev.chatbot.connectors.testing.TestServer.WidgetSession;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Restarting the server loses nothing: same home folder, same H2 file, same token key. */
class RestartIT {

    @Test
    void a_restart_with_the_same_home_keeps_every_message_and_the_token() {
        try (TestServer server = TestServer.start(Map.of())) {
            WidgetSession s = server.newSession();
            try (ChatClient chat = server.connect(s)) {
                chat.say("before-1", "my order has not arrived");
                chat.awaitSeq(2);
                chat.say("before-2", "it was due last week");
                chat.awaitSeq(4);
            }

            server.stop();
            server.startAgain();

            try (ChatClient chat = server.connect(s)) {
                assertThat(chat.awaitType("state").get("state").asText()).isEqualTo("bot");
                chat.send(Frames.resume(0));
                Set<Long> seqs = new HashSet<>();
                for (long seq = 1; seq <= 4; seq++) {
                    JsonNode m = chat.awaitSeq(seq);
                    seqs.add(m.get("seq").asLong());
                }
                assertThat(seqs).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
                // numbering continues: nothing repeats after the restart
                assertThat(chat.say("after-1", "any news?")).isEqualTo(5);
                assertThat(chat.awaitSeq(6).get("role").asText()).isEqualTo("bot");
                // a retry of a message sent before the restart is still recognised
                assertThat(chat.say("before-2", "it was due last week")).isEqualTo(3);
            }
        }
    }

    @Test
    void shutting_down_closes_open_sockets_with_going_away() {
        try (TestServer server = TestServer.start(Map.of())) {
            WidgetSession s = server.newSession();
            ChatClient chat = server.connect(s);
            chat.awaitType("state");
            server.stop();
            assertThat(chat.awaitClose()).isEqualTo(1001);
        }
    }
}
