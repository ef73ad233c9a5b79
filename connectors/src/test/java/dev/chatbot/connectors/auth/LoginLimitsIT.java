package dev.chatbot.connectors.auth;

import dev.chatbot.connectors.agent.StaffApi;
import dev.chatbot.connectors.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static dev.chatbot.connectors.agent.StaffApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Start-up accounts and the per-address limit, each on a server of its own. */
class LoginLimitsIT {

    @Test
    void too_many_failures_from_one_address_refuse_even_other_accounts() {
        Map<String, Object> settings = new HashMap<>(StaffApi.settings());
        settings.put("chatbot.auth.max-failures-per-address", 4);
        try (TestServer server = TestServer.start(settings)) {
            StaffApi api = new StaffApi(server);
            for (int i = 0; i < 4; i++) {
                assertThat(api.login("user" + i, "wrong").statusCode()).isEqualTo(401);
            }
            HttpResponse<String> blocked = api.login(StaffApi.ADMIN, StaffApi.ADMIN_PASSWORD);
            assertThat(blocked.statusCode()).isEqualTo(429);
            assertThat(json(blocked).get("message").asText()).startsWith("Too many failed sign-ins");
        }
    }

    @Test
    void demo_mode_creates_the_documented_accounts_and_without_it_there_are_none() {
        Map<String, Object> demo = new HashMap<>();
        demo.put("chatbot.demo", true);
        demo.put("chatbot.auth.password-iterations", 20_000);
        try (TestServer server = TestServer.start(demo)) {
            StaffApi api = new StaffApi(server);
            assertThat(json(api.login("dana", "demo-agent-password")).get("role").asText()).isEqualTo("agent");
            assertThat(json(api.login("admin", "demo-admin-password")).get("role").asText()).isEqualTo("admin");
        }
        try (TestServer server = TestServer.start(Map.of("chatbot.auth.password-iterations", 20_000))) {
            StaffApi api = new StaffApi(server);
            assertThat(api.login("admin", "demo-admin-password").statusCode()).isEqualTo(401);
            assertThat(api.login("dana", "demo-agent-password").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void a_too_short_admin_password_from_the_environment_creates_no_account() {
        Map<String, Object> settings = new HashMap<>(StaffApi.settings());
        settings.put("chatbot.admin.password", "short");
        try (TestServer server = TestServer.start(settings)) {
            assertThat(new StaffApi(server).login(StaffApi.ADMIN, "short").statusCode()).isEqualTo(401);
        }
    }
}
