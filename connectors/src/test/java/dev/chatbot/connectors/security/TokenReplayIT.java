package dev.chatbot.connectors.security;

import dev.chatbot.connectors.agent.StaffApi;
import dev.chatbot.connectors.testing.ChatClient;
import dev.chatbot.connectors.testing.Frames;
import dev.chatbot.connectors.testing.TestServer;
import dev.chatbot.connectors.testing.TestServer.WidgetSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replayed, expired, foreign and tampered tokens against the real server: the REST APIs, the customer socket and the
 * staff socket. Tokens are {@code purpose.subject.expiry.HMAC}; see {@link TokenSigner}.
 */
class TokenReplayIT {

    private static TestServer server;
    private static StaffApi api;
    private static TokenSigner signer;
    /** The same format signed with another secret, as another installation (or an attacker) would. */
    private static final TokenSigner OTHER_SECRET = new TokenSigner(
            new SigningKey("another installation's secret, 48 bytes long....".getBytes(StandardCharsets.UTF_8)),
            Clock.systemUTC());

    @BeforeAll
    static void start() {
        server = TestServer.start(StaffApi.settings());
        api = new StaffApi(server);
        signer = server.context().getBean(TokenSigner.class);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ChatClient chat(String token) {
        return ChatClient.connect(server.ws("/ws/chat?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)),
                Map.of());
    }

    private static ChatClient console(String token) {
        return ChatClient.connect(server.ws("/ws/agent?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)),
                Map.of("Origin", api.origin()));
    }

    private static HttpResponse<String> history(WidgetSession s, String token) {
        return server.get("/api/widget/conversations/" + s.conversationId() + "/messages", token);
    }

    @Test
    void an_open_customer_socket_is_closed_with_4401_when_its_token_expires_even_while_idle() {
        WidgetSession s = server.newSession();
        String shortLived = signer.issue("w", s.conversationId(), Duration.ofSeconds(3));
        try (ChatClient c = chat(shortLived)) {
            c.awaitType("state");
            c.say("c-1", "hello before the token runs out"); // waits for the ack
            long start = System.nanoTime();
            assertThat(c.awaitClose()).isEqualTo(4401);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("closed near the expiry").isLessThan(Duration.ofSeconds(10));
        }
        // the replayed token is refused from then on; the conversation's own long-lived token still reads it
        try (ChatClient again = chat(shortLived)) {
            assertThat(again.awaitClose()).isEqualTo(4401);
        }
        assertThat(history(s, shortLived).statusCode()).isEqualTo(401);
        assertThat(history(s, s.token()).body()).contains("hello before the token runs out");
    }

    @Test
    void a_signed_out_agent_loses_the_api_and_the_open_console_socket_and_the_old_token_stays_dead() {
        String token = api.newAgent("replay-ana", "Ana");
        try (ChatClient console = console(token)) {
            console.awaitType("hello");
            assertThat(api.post("/api/auth/logout", token, "{}").statusCode()).isEqualTo(200);
            assertThat(console.awaitClose()).isEqualTo(4401);
        }
        assertThat(api.get("/api/agent/conversations", token).statusCode()).isEqualTo(401);
        try (ChatClient replay = console(token)) {
            assertThat(replay.awaitClose()).isEqualTo(4401);
        }
        String fresh = api.token("replay-ana", StaffApi.AGENT_PASSWORD);
        assertThat(api.get("/api/agent/conversations", fresh).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/agent/conversations", token).statusCode()).as("signing in again does not revive it")
                .isEqualTo(401);
    }

    @Test
    void a_disabled_admin_loses_the_admin_api_at_once() {
        String admin = api.adminToken();
        assertThat(api.post("/api/admin/users", admin, Frames.JSON.createObjectNode().put("username", "replay-boss")
                .put("displayName", "Boss").put("role", "admin").put("password", "boss-password-long").toString())
                .statusCode()).isEqualTo(201);
        String boss = api.token("replay-boss", "boss-password-long");
        assertThat(api.get("/api/admin/users", boss).statusCode()).isEqualTo(200);
        assertThat(api.patch("/api/admin/users/replay-boss", admin, "{\"enabled\":false}").statusCode()).isEqualTo(200);
        assertThat(api.get("/api/admin/users", boss).statusCode()).isEqualTo(401);
        assertThat(api.post("/api/admin/users/root/password", boss, "{\"password\":\"taken-over-password\"}").statusCode())
                .isEqualTo(401);
        assertThat(api.login(StaffApi.ADMIN, StaffApi.ADMIN_PASSWORD).statusCode()).as("root's password unchanged")
                .isEqualTo(200);
    }

    @Test
    void tokens_signed_with_another_secret_open_nothing() {
        WidgetSession s = server.newSession();
        String staff = OTHER_SECRET.issue("a", "root:0", Duration.ofHours(1));
        String customer = OTHER_SECRET.issue("w", s.conversationId(), Duration.ofHours(1));
        assertThat(api.get("/api/auth/me", staff).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/admin/users", staff).statusCode()).isEqualTo(401);
        assertThat(history(s, customer).statusCode()).isEqualTo(401);
        try (ChatClient c = chat(customer)) {
            assertThat(c.awaitClose()).isEqualTo(4401);
        }
        try (ChatClient c = console(staff)) {
            assertThat(c.awaitClose()).isEqualTo(4401);
        }
    }

    @Test
    void tampered_tokens_are_refused_everywhere_and_the_real_ones_still_work() {
        WidgetSession victim = server.newSession();
        WidgetSession attacker = server.newSession();
        String admin = api.adminToken();
        List<String> staffForgeries = tamperings(admin, "root:1"); // a later token version
        List<String> customerForgeries = tamperings(attacker.token(), victim.conversationId());
        // a customer token relabelled as a staff token, and the other way round, with the signature kept
        staffForgeries.add("a" + attacker.token().substring(1));
        customerForgeries.add("w" + admin.substring(1));
        for (String forged : staffForgeries) {
            if (!headerSafe(forged)) {
                continue; // the JDK client refuses such a header; these are sent on the socket below
            }
            HttpResponse<String> r = api.get("/api/auth/me", forged);
            assertThat(r.statusCode()).as("staff forgery %s", forged).isEqualTo(401);
            assertThat(r.body()).as("no hint why").contains("invalid_token").doesNotContain("signature", "malformed", "purpose");
        }
        for (String forged : customerForgeries) {
            if (!headerSafe(forged)) {
                continue;
            }
            assertThat(history(victim, forged).statusCode()).as("customer forgery %s", forged).isIn(401, 403);
        }
        // every forgery on the customer socket, in one pass (each closes at once)
        for (String forged : customerForgeries) {
            if (forged.isBlank() || forged.length() > 4000) {
                continue; // not expressible as a query value the JDK client sends; covered on the REST side
            }
            try (ChatClient c = chat(forged)) {
                assertThat(c.awaitClose()).as("socket with %s", forged).isIn(4401, 1008);
            }
        }
        for (String forged : staffForgeries) {
            if (forged.isBlank() || forged.length() > 4000) {
                continue;
            }
            try (ChatClient c = console(forged)) {
                assertThat(c.awaitClose()).as("console with %s", forged).isEqualTo(4401);
            }
        }
        assertThat(history(victim, victim.token()).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/auth/me", admin).statusCode()).isEqualTo(200);
    }

    private static boolean headerSafe(String value) {
        return value.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f);
    }

    /** Ways to bend a genuine token into one for {@code wantedSubject} or into a different shape. */
    private static List<String> tamperings(String genuine, String wantedSubject) {
        String[] p = genuine.split("\\.");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String subject = b64.encodeToString(wantedSubject.getBytes(StandardCharsets.UTF_8));
        List<String> out = new ArrayList<>();
        out.add(p[0] + "." + subject + "." + p[2] + "." + p[3]);                    // other subject, same signature
        out.add(p[0] + "." + p[1] + "." + (Long.parseLong(p[2]) + 86_400 * 365) + "." + p[3]); // later expiry
        out.add(p[0] + "." + p[1] + "." + "999999999999" + "." + p[3]);
        out.add(p[0] + "." + p[1] + "." + p[2] + "." + p[3].substring(0, 42) + (p[3].endsWith("A") ? "B" : "A"));
        out.add(p[0] + "." + p[1] + "." + p[2] + "." + p[3].toUpperCase());
        out.add(p[0] + "." + p[1] + "." + p[2] + "." + p[3] + "=");                  // padding
        out.add(p[0] + "." + p[1] + "." + p[2] + ".");                               // no signature
        out.add(p[0] + "." + p[1] + "." + p[2]);
        out.add(genuine + ".extra");
        out.add(p[0].toUpperCase() + genuine.substring(1));
        out.add(p[0] + "." + p[1] + "." + p[2] + "." + b64.encodeToString(new byte[32]));  // all-zero MAC
        out.add(p[0] + "." + p[1] + ".-1." + p[3]);
        out.add(p[0] + "." + p[1] + ".٣٣٣٣٣٣٣٣٣٣." + p[3]);                          // non-ASCII digits
        out.add(p[0] + "." + p[1] + "." + p[2] + "\u0000." + p[3]);
        // JWT shapes: alg none, and HS256 with an empty key
        String none = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"sub\":\"" + wantedSubject + "\",\"role\":\"admin\",\"exp\":9999999999}")
                .getBytes(StandardCharsets.UTF_8));
        out.add(none + "." + claims + ".");
        out.add(none + "." + claims);
        out.add(b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "." + claims + "."
                + b64.encodeToString(new byte[32]));
        out.add(wantedSubject);
        out.add(" ");
        out.add("x".repeat(10_000));
        return out;
    }
}
