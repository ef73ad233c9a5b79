package dev.chatbot.connectors.agent;

import dev.chatbot.connectors.testing.Postgres;
import dev.chatbot.connectors.testing.TestServer;
import dev.chatbot.connectors.testing.TestServer.WidgetSession;
import dev.chatbot.core.conversation.ConversationService;
import dev.chatbot.core.conversation.Escalation;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.chatbot.connectors.agent.StaffApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Accounts, lockout, the claim race and notes on PostgreSQL, selected by configuration only. */
class PostgresAgentIT {

    @Test
    void staff_accounts_claims_and_notes_work_on_postgresql() {
        try (Postgres pg = Postgres.createDatabase()) {
            Map<String, Object> settings = new HashMap<>(StaffApi.settings());
            settings.put("chatbot.database.url", pg.url());
            settings.put("chatbot.database.username", pg.user());
            settings.put("chatbot.database.password", pg.password());
            try (TestServer server = TestServer.start(settings)) {
                StaffApi api = new StaffApi(server);
                String dana = api.newAgent("dana", "Dana");
                String sam = api.newAgent("sam", "Sam");
                for (int i = 0; i < 5; i++) {
                    api.login("sam", "wrong-" + i);
                }
                assertThat(api.login("sam", StaffApi.AGENT_PASSWORD).statusCode()).isEqualTo(429);

                WidgetSession s = server.newSession();
                server.context().getBean(ConversationService.class).escalate(s.conversationId(),
                        new Escalation("explicit_request", 1.0, "asked for a person", Instant.now()));
                String claim = "/api/agent/conversations/" + s.conversationId() + "/claim";
                List<Integer> codes = List.of(dana, sam).stream()
                        .map(t -> CompletableFuture.supplyAsync(() -> api.post(claim, t, "{}")))
                        .toList().stream().map(f -> f.join().statusCode()).sorted().toList();
                assertThat(codes).containsExactly(200, 409);

                HttpResponse<String> note = api.post("/api/agent/conversations/" + s.conversationId() + "/notes", dana,
                        "{\"text\":\"checked on postgres\"}");
                assertThat(note.statusCode()).isEqualTo(201);
                assertThat(json(api.get("/api/agent/conversations/" + s.conversationId(), dana)).at("/notes/0/text").asText())
                        .isEqualTo("checked on postgres");
            }
        }
    }
}
