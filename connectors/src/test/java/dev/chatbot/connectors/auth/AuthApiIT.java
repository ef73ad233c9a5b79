package dev.chatbot.connectors.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatbot.connectors.agent.StaffApi;
import dev.chatbot.connectors.security.TokenSigner;
import dev.chatbot.connectors.testing.Frames;
import dev.chatbot.connectors.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.chatbot.connectors.agent.StaffApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in, lockout, tokens, roles and the cross-site wall, against the real server over HTTP. */
class AuthApiIT {

    private static TestServer server;
    private static StaffApi api;

    @BeforeAll
    static void start() {
        Map<String, Object> settings = new HashMap<>(StaffApi.settings());
        settings.put("chatbot.auth.max-failures-per-address", 1000); // this class tests per-account limits
        server = TestServer.start(settings);
        api = new StaffApi(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void the_first_admin_from_the_environment_signs_in_and_gets_a_token_and_role() {
        HttpResponse<String> r = api.login("ROOT", StaffApi.ADMIN_PASSWORD);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.get("role").asText()).isEqualTo("admin");
        assertThat(body.get("displayName").asText()).isEqualTo("Root Admin");
        assertThat(body.get("token").asText()).startsWith("a.");
        assertThat(body.get("expiresAt").asText()).isNotBlank();
        HttpResponse<String> me = api.get("/api/auth/me", body.get("token").asText());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json(me).get("username").asText()).isEqualTo("root");
        assertThat(me.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void unknown_user_and_wrong_password_get_the_same_answer() {
        api.newAgent("lena", "Lena");
        HttpResponse<String> wrong = api.login("lena", "not-her-password");
        HttpResponse<String> unknown = api.login("nobody-here", "not-her-password");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(unknown.body());
        assertThat(json(wrong).get("error").asText()).isEqualTo("invalid_credentials");
    }

    @Test
    void five_failures_lock_the_account_even_against_the_right_password_until_an_admin_unlocks_it() {
        api.newAgent("mira", "Mira");
        for (int i = 0; i < 5; i++) {
            assertThat(api.login("mira", "guess-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = api.login("mira", StaffApi.AGENT_PASSWORD);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(json(locked).get("error").asText()).isEqualTo("too_many_attempts");
        HttpResponse<String> list = api.get("/api/admin/users", api.adminToken());
        assertThat(json(list).get("users")).anySatisfy(u -> {
            assertThat(u.get("username").asText()).isEqualTo("mira");
            assertThat(u.get("locked").asBoolean()).isTrue();
        });
        assertThat(api.post("/api/admin/users/mira/unlock", api.adminToken(), "{}").statusCode()).isEqualTo(200);
        assertThat(api.login("mira", StaffApi.AGENT_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void an_unknown_username_locks_exactly_like_a_real_one() {
        for (int i = 0; i < 5; i++) {
            assertThat(api.login("ghost", "guess-" + i).statusCode()).isEqualTo(401);
        }
        api.newAgent("nina", "Nina");
        for (int i = 0; i < 5; i++) {
            api.login("nina", "guess-" + i);
        }
        HttpResponse<String> ghost = api.login("ghost", "another");
        HttpResponse<String> nina = api.login("nina", "another");
        assertThat(ghost.statusCode()).isEqualTo(429);
        assertThat(nina.statusCode()).isEqualTo(429);
        assertThat(ghost.body()).isEqualTo(nina.body());
    }

    @Test
    void a_disabled_account_is_refused_at_once_and_cannot_sign_in() {
        String token = api.newAgent("omar", "Omar");
        assertThat(api.get("/api/agent/conversations", token).statusCode()).isEqualTo(200);
        HttpResponse<String> disabled = api.patch("/api/admin/users/omar", api.adminToken(), "{\"enabled\":false}");
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(json(disabled).get("enabled").asBoolean()).isFalse();
        assertThat(api.get("/api/agent/conversations", token).statusCode()).isEqualTo(401);
        HttpResponse<String> login = api.login("omar", StaffApi.AGENT_PASSWORD);
        assertThat(login.statusCode()).isEqualTo(401);
        assertThat(json(login).get("error").asText()).isEqualTo("invalid_credentials");
        api.patch("/api/admin/users/omar", api.adminToken(), "{\"enabled\":true}");
        assertThat(api.get("/api/agent/conversations", token).statusCode()).as("old tokens stay revoked").isEqualTo(401);
        assertThat(api.login("omar", StaffApi.AGENT_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void a_password_reset_ends_the_old_sessions_and_the_new_password_works() {
        String token = api.newAgent("pia", "Pia");
        HttpResponse<String> reset = api.post("/api/admin/users/pia/password", api.adminToken(),
                "{\"password\":\"a-brand-new-password\"}");
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(api.get("/api/agent/conversations", token).statusCode()).isEqualTo(401);
        assertThat(api.login("pia", StaffApi.AGENT_PASSWORD).statusCode()).isEqualTo(401);
        assertThat(api.login("pia", "a-brand-new-password").statusCode()).isEqualTo(200);
        assertThat(api.post("/api/admin/users/pia/password", api.adminToken(), "{\"password\":\"short\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void sign_out_ends_the_session() {
        String token = api.newAgent("quinn", "Quinn");
        assertThat(api.post("/api/auth/logout", token, "{}").statusCode()).isEqualTo(200);
        assertThat(api.get("/api/auth/me", token).statusCode()).isEqualTo(401);
    }

    @Test
    void expired_forged_and_widget_tokens_are_not_staff_tokens() {
        TokenSigner signer = server.context().getBean(TokenSigner.class);
        String expired = signer.issue("a", "root:0", Duration.ofSeconds(-5));
        String widget = server.newSession().token();
        String wrongPurpose = signer.issue("w", "root:0", Duration.ofHours(1));
        String admin = api.adminToken();
        String forged = admin.substring(0, admin.length() - 4) + (admin.endsWith("AAAA") ? "BBBB" : "AAAA");
        for (String token : List.of(expired, widget, wrongPurpose, forged, "", "garbage")) {
            HttpResponse<String> r = api.get("/api/agent/conversations", token);
            assertThat(r.statusCode()).as("token %s", token).isEqualTo(401);
            assertThat(json(r).get("error").asText()).isEqualTo("invalid_token");
        }
    }

    @Test
    void every_admin_endpoint_refuses_no_token_and_agents() {
        String agent = api.newAgent("ravi", "Ravi");
        record Call(String method, String path, String body) {
        }
        List<Call> calls = List.of(
                new Call("GET", "/api/admin/users", null),
                new Call("POST", "/api/admin/users", "{\"username\":\"x1\",\"password\":\"long-enough-password\"}"),
                new Call("PATCH", "/api/admin/users/ravi", "{\"role\":\"admin\"}"),
                new Call("POST", "/api/admin/users/ravi/password", "{\"password\":\"long-enough-password\"}"),
                new Call("POST", "/api/admin/users/ravi/unlock", "{}"),
                new Call("GET", "/api/admin/intents", null));
        for (Call c : calls) {
            Map<String, String> origin = Map.of("Origin", api.origin());
            assertThat(api.send(c.method(), c.path(), null, c.body(), origin).statusCode()).as("%s no token", c).isEqualTo(401);
            HttpResponse<String> asAgent = api.send(c.method(), c.path(), agent, c.body(), origin);
            assertThat(asAgent.statusCode()).as("%s as agent", c).isEqualTo(403);
            assertThat(json(asAgent).get("error").asText()).isEqualTo("forbidden");
        }
        assertThat(json(api.get("/api/auth/me", agent)).get("role").asText()).as("still an agent").isEqualTo("agent");
    }

    @Test
    void a_cross_site_post_is_refused_even_with_a_valid_token() {
        String admin = api.adminToken();
        String body = "{\"username\":\"evil\",\"displayName\":\"Evil\",\"password\":\"long-enough-password\"}";
        // another local origin: Micronaut's own guard refuses non-local origins to a localhost server before our filter
        // runs, so a page on another port of this machine is the foreign site that reaches the filter
        HttpResponse<String> foreign = api.send("POST", "/api/admin/users", admin, body,
                Map.of("Origin", "http://localhost:1", "Sec-Fetch-Site", "same-site"));
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(json(foreign).get("error").asText()).isEqualTo("cross_site");
        HttpResponse<String> farAway = api.send("POST", "/api/admin/users", admin, body,
                Map.of("Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"));
        assertThat(farAway.statusCode()).isEqualTo(403);
        HttpResponse<String> noOrigin = api.send("POST", "/api/admin/users", admin, body, Map.of("Sec-Fetch-Site", "cross-site"));
        assertThat(noOrigin.statusCode()).isEqualTo(403);
        HttpResponse<String> nullOrigin = api.send("POST", "/api/auth/login", null,
                "{\"username\":\"root\",\"password\":\"" + StaffApi.ADMIN_PASSWORD + "\"}", Map.of("Origin", "null"));
        assertThat(nullOrigin.statusCode()).as("login from a sandboxed frame").isEqualTo(403);
        assertThat(api.get("/api/admin/users", admin).body()).doesNotContain("\"evil\"");
        HttpResponse<String> sameSite = api.send("POST", "/api/admin/users", admin, body,
                Map.of("Origin", api.origin(), "Sec-Fetch-Site", "same-origin"));
        assertThat(sameSite.statusCode()).isEqualTo(201);
    }

    @Test
    void the_user_list_never_shows_password_hashes() {
        api.newAgent("sven", "Sven");
        HttpResponse<String> r = api.get("/api/admin/users", api.adminToken());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"sven\"").doesNotContain("pbkdf2").doesNotContain("passwordHash")
                .doesNotContain(StaffApi.AGENT_PASSWORD);
    }

    @Test
    void the_last_admin_cannot_be_disabled_or_demoted_and_nobody_disables_themselves() {
        String admin = api.adminToken();
        HttpResponse<String> self = api.patch("/api/admin/users/root", admin, "{\"enabled\":false}");
        assertThat(self.statusCode()).isEqualTo(409);
        assertThat(json(self).get("error").asText()).isEqualTo("own_account");
        assertThat(api.login("root", StaffApi.ADMIN_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void bad_bodies_get_clear_errors() {
        assertThat(json(api.post("/api/auth/login", null, "{not json")).get("error").asText()).isEqualTo("malformed_json");
        assertThat(json(api.post("/api/auth/login", null, "{\"username\":\"root\"}")).get("error").asText())
                .isEqualTo("missing_field");
        assertThat(json(api.post("/api/auth/login", null, "{\"username\":\"root\",\"password\":\"x\",\"otp\":1}"))
                .get("error").asText()).isEqualTo("unknown_field");
        String admin = api.adminToken();
        HttpResponse<String> taken = api.post("/api/admin/users", admin,
                "{\"username\":\"root\",\"password\":\"long-enough-password\"}");
        assertThat(taken.statusCode()).isEqualTo(409);
        HttpResponse<String> badName = api.post("/api/admin/users", admin,
                "{\"username\":\"<script>\",\"password\":\"long-enough-password\"}");
        assertThat(badName.statusCode()).isEqualTo(400);
        HttpResponse<String> badRole = api.post("/api/admin/users", admin,
                "{\"username\":\"tess\",\"role\":\"owner\",\"password\":\"long-enough-password\"}");
        assertThat(badRole.statusCode()).isEqualTo(400);
    }

    @Test
    void sign_in_and_account_changes_never_log_passwords_or_tokens() {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.chatbot");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> captured =
                new ch.qos.logback.core.read.ListAppender<>();
        captured.start();
        logger.addAppender(captured);
        try {
            String token = api.adminToken();
            api.login("root", "wrong-password-logged?");
            api.post("/api/admin/users", token, "{\"username\":\"uma\",\"password\":\"uma-secret-password\"}");
            api.post("/api/admin/users/uma/password", token, "{\"password\":\"uma-other-password\"}");
            api.get("/api/agent/conversations", token + "x");
            assertThat(captured.list).isNotEmpty();
            for (var event : captured.list) {
                String line = event.getFormattedMessage() + " " + event.getKeyValuePairs();
                assertThat(line).doesNotContain(StaffApi.ADMIN_PASSWORD, "wrong-password-logged?", "uma-secret-password",
                        "uma-other-password", token.substring(token.lastIndexOf('.') + 1));
            }
        } finally {
            logger.detachAppender(captured);
        }
    }
}
