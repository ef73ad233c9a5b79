package dev.chatbot.connectors.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatbot.connectors.testing.ChatClient;
import dev.chatbot.connectors.testing.TestServer;
import dev.chatbot.connectors.testing.TestServer.WidgetSession;
import dev.chatbot.core.conversation.ConversationService;
import dev.chatbot.core.conversation.Escalation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code WS /ws/agent}: the same origin and token checks as the chat socket, and live events for consoles. */
class AgentSocketIT {

    private static TestServer server;
    private static StaffApi api;
    private static String dana;

    @BeforeAll
    static void start() {
        server = TestServer.start(StaffApi.settings());
        api = new StaffApi(server);
        dana = api.newAgent("dana", "Dana");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ChatClient console(String token) {
        return ChatClient.connect(server.ws("/ws/agent?token=" + token), Map.of("Origin", api.origin()));
    }

    private static boolean is(JsonNode f, String type, String conversationId) {
        return f.path("type").asText().equals(type) && f.path("conversationId").asText().equals(conversationId);
    }

    @Test
    void refuses_bad_widget_and_missing_tokens_with_4401() {
        String widgetToken = server.newSession().token();
        for (String query : new String[]{"?token=nonsense", "?token=" + widgetToken, ""}) {
            try (ChatClient c = ChatClient.connect(server.ws("/ws/agent" + query), Map.of())) {
                assertThat(c.awaitClose()).as(query).isEqualTo(4401);
            }
        }
    }

    @Test
    void refuses_foreign_origins() {
        try (ChatClient c = ChatClient.connect(server.ws("/ws/agent?token=" + dana), Map.of("Origin", "http://localhost:1"))) {
            assertThat(c.awaitClose()).as("another site on this machine").isEqualTo(1008);
        }
        var far = ChatClient.tryConnect(server.ws("/ws/agent?token=" + dana), Map.of("Origin", "https://evil.example"));
        assertThat(far).failsWithin(java.time.Duration.ofSeconds(10))
                .withThrowableThat().havingRootCause().withMessageContaining("403");
    }

    @Test
    void pushes_escalations_messages_claims_and_notes() {
        try (ChatClient console = console(dana)) {
            JsonNode hello = console.awaitType("hello");
            assertThat(hello.at("/user/displayName").asText()).isEqualTo("Dana");

            WidgetSession s = server.newSession();
            try (ChatClient widget = server.connect(s)) {
                widget.awaitType("state");
                // a calm message: the bot's own escalation (negative sentiment) would race the explicit one below
                widget.say("w-1", "Hello, I have a question about my parcel");
                JsonNode message = console.await(f -> is(f, "message", s.conversationId()));
                assertThat(message.at("/message/text").asText()).isEqualTo("Hello, I have a question about my parcel");
                assertThat(message.at("/message/role").asText()).isEqualTo("customer");

                server.context().getBean(ConversationService.class).escalate(s.conversationId(),
                        new Escalation("explicit_request", 1.0, "customer asked for a person", Instant.now()));
                JsonNode escalated = console.await(f -> f.path("type").asText().equals("conversation")
                        && f.at("/conversation/id").asText().equals(s.conversationId())
                        && f.at("/conversation/state").asText().equals("waiting_for_agent"));
                assertThat(escalated.at("/conversation/escalation/signal").asText()).isEqualTo("explicit_request");

                api.post("/api/agent/conversations/" + s.conversationId() + "/claim", dana, "{}");
                JsonNode claimed = console.await(f -> f.path("type").asText().equals("conversation")
                        && f.at("/conversation/state").asText().equals("agent"));
                assertThat(claimed.at("/conversation/assignedAgent/username").asText()).isEqualTo("dana");

                api.post("/api/agent/conversations/" + s.conversationId() + "/notes", dana, "{\"text\":\"called twice\"}");
                assertThat(console.await(f -> is(f, "note", s.conversationId())).at("/note/text").asText())
                        .isEqualTo("called twice");

                widget.send("{\"type\":\"typing\"}");
                assertThat(console.await(f -> is(f, "typing", s.conversationId())).get("role").asText()).isEqualTo("customer");
            }
            console.send("{\"type\":\"ping\"}");
            console.awaitType("pong");
        }
    }

    @Test
    void disabling_the_account_closes_its_open_console_at_once() {
        String token = api.newAgent("wes", "Wes");
        try (ChatClient console = console(token)) {
            console.awaitType("hello");
            api.patch("/api/admin/users/wes", api.adminToken(), "{\"enabled\":false}");
            assertThat(console.awaitClose()).isEqualTo(4401);
        }
    }
}
