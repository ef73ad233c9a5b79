package dev.chatbot.connectors.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatbot.connectors.admin.AdminTesting;
import dev.chatbot.connectors.agent.StaffApi;
import dev.chatbot.connectors.gateway.TextSanitizer;
import dev.chatbot.connectors.testing.ChatClient;
import dev.chatbot.connectors.testing.Frames;
import dev.chatbot.connectors.testing.TestServer;
import dev.chatbot.connectors.testing.TestServer.WidgetSession;
import dev.chatbot.core.conversation.ConversationService;
import dev.chatbot.core.conversation.Escalation;
import dev.chatbot.core.crm.CrmClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.chatbot.connectors.agent.StaffApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQL-like and otherwise awkward text sent everywhere a query is built from input: customer messages, session fields,
 * conversation ids in paths, queue and paging parameters, admin searches, sign-in names and the embedded CRM's
 * lookups by order number and e-mail. Each must give a clear 4xx or a normal "not found", never another customer's
 * data, never a 5xx, and every table must hold the same rows afterwards. Run on H2 and on PostgreSQL by the
 * subclasses; every query in the stores uses bound parameters (see docs/security.md), this proves it end to end.
 */
abstract class SqlLikeInputContract {

    static final List<String> PAYLOADS = List.of(
            "' OR '1'='1",
            "' OR 1=1 --",
            "\"; DROP TABLE conversations; --",
            "'); DELETE FROM messages; --",
            "1 UNION SELECT username, password_hash FROM staff_users --",
            "%",
            "_",
            "%' OR email_key LIKE '%",
            "\\",
            "\\'; --",
            "\u0000",
            "a\u0000' OR '1'='1",
            "ünïcødé ✓ 😀 \u202Eevil",
            "${jndi:ldap://example.invalid/a}",
            "x".repeat(3000));

    private static final List<String> TABLES = List.of("conversations", "messages", "turn_traces", "staff_users",
            "agent_notes", "crm_customers", "crm_orders", "crm_order_items", "crm_refunds", "admin_inbox_handled");
    /** Demo CRM data that only its owner may see. */
    private static final List<String> PRIVATE = List.of("maya.thompson@example.com", "jonas.becker@example.com",
            "A1B2C3", "K7P2Q9", "pbkdf2");

    static TestServer server;
    static StaffApi api;
    static String admin;
    static String agent;

    static Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>(AdminTesting.settings(AdminTesting.copyOfDefaultBot(), null));
        s.put("chatbot.widget.rate-limit-burst", 1000);
        s.put("chatbot.widget.rate-limit-per-minute", 6000);
        s.put("chatbot.auth.max-failures-per-address", 1000);
        return s;
    }

    static void begin(Map<String, Object> settings) {
        server = TestServer.start(settings);
        api = new StaffApi(server);
        admin = api.adminToken();
        agent = api.newAgent("sql-agent", "SQL Agent");
    }

    @AfterAll
    static void end() {
        if (server != null) {
            server.close();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Row counts of every table (a dropped table fails the query). */
    static Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = server.context().getBean(DataSource.class).getConnection();
             Statement st = c.createStatement()) {
            for (String t : TABLES) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + t)) {
                    rs.next();
                    counts.put(t, rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new AssertionError("a table is gone or unreadable: " + e.getMessage(), e);
        }
        return counts;
    }

    private static void assertNoPrivateData(String where, String body) {
        for (String secret : PRIVATE) {
            assertThat(body).as("%s leaks %s", where, secret).doesNotContainIgnoringCase(secret);
        }
    }

    @Test
    void customer_messages_that_look_like_sql_are_stored_and_returned_exactly_and_change_no_table() {
        Map<String, Long> before = rowCounts();
        WidgetSession s = server.newSession();
        int sent = 0;
        try (ChatClient chat = server.connect(s)) {
            chat.awaitType("state");
            for (String p : PAYLOADS) {
                if (p.isBlank() || p.contains("\u0000")) {
                    continue; // blank text is refused by the protocol; NUL is covered below
                }
                chat.say("sql-" + sent++, p);
            }
            chat.send(Frames.JSON.createObjectNode().put("type", "message").put("clientId", "nul")
                    .put("text", "a\u0000' OR '1'='1").toString());
            JsonNode answer = chat.await(f -> f.path("clientId").asText().equals("nul")
                    || f.path("type").asText().equals("error"));
            assertThat(answer.path("type").asText()).isIn("ack", "error");
        }
        HttpResponse<String> history = server.get("/api/widget/conversations/" + s.conversationId()
                + "/messages", s.token());
        assertThat(history.statusCode()).isEqualTo(200);
        List<String> stored = json(history).get("messages").findValuesAsText("text");
        for (String p : PAYLOADS) {
            if (!p.isBlank() && !p.contains("\u0000")) {
                assertThat(stored).as("stored literally").contains(TextSanitizer.clean(p));
            }
        }
        assertNoPrivateData("history", history.body());
        Map<String, Long> after = rowCounts();
        assertThat(after.get("messages")).as("only this conversation's messages were added")
                .isGreaterThanOrEqualTo(before.get("messages") + sent);
        assertThat(after.get("crm_customers")).isEqualTo(before.get("crm_customers"));
        assertThat(after.get("crm_orders")).isEqualTo(before.get("crm_orders"));
        assertThat(after.get("staff_users")).isEqualTo(before.get("staff_users"));
    }

    /** Counts of the tables no refused call may change (bot turns of earlier tests may still add messages). */
    static Map<String, Long> fixedCounts() {
        Map<String, Long> counts = rowCounts();
        counts.remove("messages");
        counts.remove("turn_traces");
        return counts;
    }

    @Test
    void ids_and_parameters_that_look_like_sql_get_a_clear_4xx_and_nothing_else() {
        WidgetSession mine = server.newSession();
        Map<String, Long> before = fixedCounts();
        for (String p : PAYLOADS) {
            String id = enc(p);
            Map<String, HttpResponse<String>> calls = new LinkedHashMap<>();
            calls.put("widget history of " + p, server.get("/api/widget/conversations/" + id + "/messages", mine.token()));
            calls.put("widget afterSeq " + p, server.get("/api/widget/conversations/" + mine.conversationId()
                    + "/messages?afterSeq=" + id, mine.token()));
            calls.put("agent conversation " + p, api.get("/api/agent/conversations/" + id, agent));
            calls.put("agent notes " + p, api.get("/api/agent/conversations/" + id + "/notes", agent));
            calls.put("agent claim " + p, api.post("/api/agent/conversations/" + id + "/claim", agent, "{}"));
            calls.put("agent reply " + p, api.post("/api/agent/conversations/" + id + "/messages", agent,
                    "{\"text\":\"hello\"}"));
            calls.put("agent note " + p, api.post("/api/agent/conversations/" + id + "/notes", agent,
                    "{\"text\":\"note\"}"));
            calls.put("agent queue " + p, api.get("/api/agent/conversations?state=" + id, agent));
            calls.put("admin inbox limit " + p, api.get("/api/admin/inbox?limit=" + id, admin));
            calls.put("admin user " + p, api.patch("/api/admin/users/" + id, admin, "{\"displayName\":\"x\"}"));
            calls.put("admin unlock " + p, api.post("/api/admin/users/" + id + "/unlock", admin, "{}"));
            calls.put("admin intent " + p, api.get("/api/admin/intents/" + id, admin));
            calls.put("admin faq " + p, api.get("/api/admin/faq/" + id, admin));
            calls.put("admin entity " + p, api.get("/api/admin/entities/" + id, admin));
            calls.put("admin model " + p, api.get("/api/admin/models/" + id, admin));
            calls.put("admin job " + p, api.get("/api/admin/train/" + id, admin));
            calls.put("admin inbox dismiss " + p, api.post("/api/admin/inbox/dismiss", admin, Frames.JSON
                    .createObjectNode().put("conversationId", p).put("seq", 1).put("action", "dismissed").toString()));
            calls.put("sign-in as " + p, api.login(p, "whatever-password"));
            for (Map.Entry<String, HttpResponse<String>> e : calls.entrySet()) {
                int status = e.getValue().statusCode();
                assertThat(status).as("%s: %s", e.getKey(), e.getValue().body()).isBetween(400, 499);
                assertNoPrivateData(e.getKey(), e.getValue().body());
            }
        }
        assertThat(fixedCounts()).as("no table changed").isEqualTo(before);
        assertThat(api.get("/api/agent/conversations", agent).statusCode()).isEqualTo(200);
        assertThat(api.login(StaffApi.ADMIN, StaffApi.ADMIN_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void admin_searches_with_sql_like_text_find_only_literal_matches() {
        int all = json(api.get("/api/admin/intents", admin)).get("intents").size();
        assertThat(all).isGreaterThan(5);
        for (String p : PAYLOADS) {
            for (String list : List.of("/api/admin/intents", "/api/admin/faq", "/api/admin/entities", "/api/admin/sentiment")) {
                HttpResponse<String> r = api.get(list + "?q=" + enc(p), admin);
                assertThat(r.statusCode()).as("%s?q=%s", list, p).isIn(200, 400);
            }
            if (p.contains("'")) { // "%" and "_" are literal text too, and the default bot has "100%"
                HttpResponse<String> r = api.get("/api/admin/intents?q=" + enc(p), admin);
                if (r.statusCode() == 200) {
                    assertThat(json(r).get("intents").size()).as("intents matching %s", p).isZero();
                }
            }
        }
    }

    @Test
    void session_fields_that_look_like_sql_are_refused_or_kept_as_text() {
        Map<String, Long> before = rowCounts();
        for (String p : PAYLOADS) {
            HttpResponse<String> locale = server.post("/api/widget/sessions",
                    Frames.JSON.createObjectNode().put("locale", p).toString());
            assertThat(locale.statusCode()).as("locale %s", p).isEqualTo(400);
            HttpResponse<String> email = server.post("/api/widget/sessions",
                    Frames.JSON.createObjectNode().put("email", p + "@example.com").toString());
            assertThat(email.statusCode()).as("email %s", p).isIn(201, 400);
            assertNoPrivateData("session with email " + p, email.body());
        }
        Map<String, Long> after = rowCounts();
        assertThat(after.get("crm_customers")).isEqualTo(before.get("crm_customers"));
        assertThat(after.get("staff_users")).isEqualTo(before.get("staff_users"));
    }

    @Test
    void the_crm_finds_nothing_for_sql_like_order_numbers_and_e_mails_and_still_finds_real_ones() {
        CrmClient crm = server.context().getBean(CrmClient.class);
        Map<String, Long> before = fixedCounts();
        for (String p : PAYLOADS) {
            assertThat(crm.findOrder(p)).as("order %s", p).isEmpty();
            assertThat(crm.findCustomerByEmail(p)).as("e-mail %s", p).isEmpty();
            assertThat(crm.findCustomerByEmail(p + "@example.com")).as("e-mail %s@example.com", p).isEmpty();
        }
        assertThat(crm.findOrder("A1B2C3")).isPresent();
        assertThat(crm.findCustomerByEmail("maya.thompson@example.com")).isPresent();
        assertThat(fixedCounts()).isEqualTo(before);
    }

    @Test
    void agent_replies_and_notes_that_look_like_sql_are_kept_as_text_or_refused_clearly() {
        WidgetSession s = server.newSession();
        server.context().getBean(ConversationService.class).escalate(s.conversationId(),
                new Escalation("explicit_request", 1.0, "asked for a person", Instant.now()));
        String base = "/api/agent/conversations/" + s.conversationId();
        assertThat(api.post(base + "/claim", agent, "{}").statusCode()).isEqualTo(200);
        for (String p : PAYLOADS) {
            String body = Frames.JSON.createObjectNode().put("text", p).toString();
            HttpResponse<String> reply = api.post(base + "/messages", agent, body);
            assertThat(reply.statusCode()).as("reply %s: %s", p, reply.body()).isIn(200, 201, 400);
            HttpResponse<String> note = api.post(base + "/notes", agent, body);
            assertThat(note.statusCode()).as("note %s: %s", p, note.body()).isIn(200, 201, 400);
        }
        HttpResponse<String> notes = api.get(base + "/notes", agent);
        assertThat(notes.statusCode()).isEqualTo(200);
        assertThat(notes.body()).contains("DROP TABLE conversations");
        assertThat(rowCounts().get("conversations")).isPositive();
    }
}
