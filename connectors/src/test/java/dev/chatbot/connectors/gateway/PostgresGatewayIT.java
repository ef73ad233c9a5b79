package dev.chatbot.connectors.gateway;

import dev.chatbot.connectors.testing.ChatClient;
import dev.chatbot.connectors.testing.Frames;
import dev.chatbot.connectors.testing.Postgres;
import dev.chatbot.connectors.testing.TestServer;
import dev.chatbot.connectors.testing.TestServer.WidgetSession;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The same server on PostgreSQL instead of H2, selected by configuration only. */
class PostgresGatewayIT {

    @Test
    void chats_resumes_and_survives_a_restart_on_postgresql() {
        try (Postgres pg = Postgres.createDatabase();
             TestServer server = TestServer.start(Map.of(
                     "chatbot.database.url", pg.url(),
                     "chatbot.database.username", pg.user(),
                     "chatbot.database.password", pg.password()))) {
            WidgetSession s = server.newSession();
            try (ChatClient chat = server.connect(s)) {
                assertThat(chat.say("pg-1", "hello from postgres")).isEqualTo(1);
                assertThat(chat.awaitSeq(2).get("role").asText()).isEqualTo("bot");
            }
            server.stop();
            server.startAgain();
            try (ChatClient chat = server.connect(s)) {
                chat.send(Frames.resume(0));
                assertThat(chat.awaitSeq(1).get("text").asText()).isEqualTo("hello from postgres");
                chat.awaitSeq(2);
                assertThat(chat.say("pg-2", "still here")).isEqualTo(3);
            }
        }
    }
}
