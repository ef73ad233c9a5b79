package dev.chatbot.connectors.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatbot.connectors.security.TokenSigner;
import dev.chatbot.connectors.testing.ChatClient;
import dev.chatbot.connectors.testing.Frames;
import dev.chatbot.connectors.testing.TestServer;
import dev.chatbot.connectors.testing.TestServer.WidgetSession;
import dev.chatbot.core.conversation.ConversationService;
import dev.chatbot.core.conversation.Escalation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static dev.chatbot.connectors.agent.StaffApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent API against the real server: roles on every endpoint, the queue, claim (and the race), replies that reach
 * the widget, private notes, hand back and resolve. Escalations are made through the real conversation service, standing
 * in for the dialogue engine until the NLU-driven engine is wired into the server.
 */
class AgentApiIT {

    private static TestServer server;
    private static StaffApi api;
    private static String dana;
    private static String sam;

    @BeforeAll
    static void start() {
        server = TestServer.start(StaffApi.settings());
        api = new StaffApi(server);
        dana = api.newAgent("dana", "Dana");
        sam = api.newAgent("sam", "Sam");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A widget conversation with one angry message, escalated with a negative-sentiment signal and its trace. */
    /**
     * A conversation the real bot hands to a person: the customer writes {@code text} and, unless that already
     * escalated, asks for a person.
     */
    private static WidgetSession escalated(String text) {
        WidgetSession s = server.newSession();
        try (ChatClient chat = server.connect(s)) {
            chat.awaitType("state");
            long seq = chat.say("angry-1", text);
            chat.await(f -> f.path("type").asText().equals("message") && f.path("seq").asLong() > seq);
            if (!waiting(s)) {
                chat.say("angry-2", "I want to talk to a human");
            }
            chat.await(f -> f.path("type").asText().equals("state") && f.path("state").asText().equals("waiting_for_agent"));
        }
        return s;
    }

    private static boolean waiting(WidgetSession s) {
        // the bot's turn stores its answer first and escalates right after: give it a moment
        for (int i = 0; i < 20; i++) {
            if (server.context().getBean(ConversationService.class).find(s.conversationId()).orElseThrow().state()
                    == dev.chatbot.core.conversation.ConversationState.WAITING_FOR_AGENT) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static String path(WidgetSession s, String action) {
        return "/api/agent/conversations/" + s.conversationId() + (action.isEmpty() ? "" : "/" + action);
    }

    @Test
    void every_agent_endpoint_refuses_missing_widget_expired_and_disabled_tokens() {
        WidgetSession s = escalated("you people are useless");
        String expired = server.context().getBean(TokenSigner.class).issue("a", "dana:0", Duration.ofSeconds(-1));
        String disabledToken = api.newAgent("vic", "Vic");
        api.patch("/api/admin/users/vic", api.adminToken(), "{\"enabled\":false}");
        List<String[]> calls = List.of(
                new String[]{"GET", "/api/agent/conversations?state=waiting_for_agent", null},
                new String[]{"GET", path(s, ""), null},
                new String[]{"POST", path(s, "claim"), "{}"},
                new String[]{"POST", path(s, "messages"), "{\"text\":\"hi\"}"},
                new String[]{"POST", path(s, "notes"), "{\"text\":\"note\"}"},
                new String[]{"GET", path(s, "notes"), null},
                new String[]{"POST", path(s, "typing"), "{}"},
                new String[]{"POST", path(s, "release"), "{}"},
                new String[]{"POST", path(s, "resolve"), "{}"},
                new String[]{"GET", "/api/agent/canned-replies", null});
        for (String[] c : calls) {
            for (String token : new String[]{null, s.token(), expired, disabledToken}) {
                HttpResponse<String> r = api.send(c[0], c[1], token, c[2], Map.of("Origin", api.origin()));
                assertThat(r.statusCode()).as("%s %s with %s", c[0], c[1], token).isEqualTo(401);
            }
        }
        JsonNode still = json(api.get(path(s, ""), dana));
        assertThat(still.get("state").asText()).as("nothing above changed the conversation").isEqualTo("waiting_for_agent");
        assertThat(still.get("notes")).isEmpty();
    }

    @Test
    void the_queue_shows_reason_score_sentiment_wait_and_the_last_message() throws Exception {
        WidgetSession s = escalated("This is the THIRD time I ask and nobody helps me. You people are useless!!!");
        Thread.sleep(1100);
        JsonNode queue = json(api.get("/api/agent/conversations?state=waiting_for_agent", dana));
        JsonNode item = find(queue.get("conversations"), s.conversationId());
        assertThat(item.get("state").asText()).isEqualTo("waiting_for_agent");
        assertThat(item.at("/escalation/signal").asText()).isIn("negative_sentiment", "explicit_request", "risky_intent");
        assertThat(item.at("/escalation/score").asDouble()).isBetween(0.5, 1.0);
        assertThat(item.at("/escalation/detail").asText()).isNotBlank();
        assertThat(item.at("/sentiment/label").asText()).isIn("negative", "neutral", "positive");
        assertThat(item.at("/sentiment/negativity").asDouble()).isBetween(0.0, 1.0);
        assertThat(item.get("waitingSeconds").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(item.at("/lastMessage/role").asText()).isEqualTo("bot");
        assertThat(item.has("assignedAgent")).isFalse();
        assertThat(json(api.get("/api/agent/conversations?state=nonsense", dana)).get("error").asText())
                .isEqualTo("invalid_field");
    }

    @Test
    void claiming_shows_the_agent_to_the_customer_and_replies_arrive_live_in_the_widget() {
        WidgetSession s = escalated("I want to talk to someone NOW");
        try (ChatClient widget = server.connect(s)) {
            widget.awaitType("state");
            HttpResponse<String> claim = api.post(path(s, "claim"), dana, "{}");
            assertThat(claim.statusCode()).isEqualTo(200);
            assertThat(json(claim).at("/assignedAgent/displayName").asText()).isEqualTo("Dana");
            assertThat(widget.await(f -> f.path("type").asText().equals("state")).get("state").asText()).isEqualTo("agent");
            JsonNode joined = widget.await(f -> f.path("type").asText().equals("message") && f.path("role").asText().equals("system"));
            assertThat(joined.get("text").asText()).isEqualTo("Dana joined the conversation.");

            HttpResponse<String> reply = api.post(path(s, "messages"), dana, "{\"text\":\"Hi, I'm Dana. Let me check that for you.\"}");
            assertThat(reply.statusCode()).isEqualTo(201);
            JsonNode live = widget.await(f -> f.path("type").asText().equals("message") && f.path("role").asText().equals("agent"));
            assertThat(live.get("text").asText()).isEqualTo("Hi, I'm Dana. Let me check that for you.");
            assertThat(live.get("author").asText()).isEqualTo("Dana");
            assertThat(live.get("seq").asLong()).isEqualTo(json(reply).get("seq").asLong());

            long seq = widget.say("c-2", "thank you");
            widget.awaitSeq(seq);
            sleep(700);
            assertThat(widget.drain()).as("the bot stays quiet while an agent has the chat")
                    .noneMatch(f -> f.path("role").asText().equals("bot"));
        }
    }

    @Test
    void of_two_agents_claiming_at_once_exactly_one_gets_it() throws Exception {
        for (int round = 0; round < 3; round++) {
            WidgetSession s = escalated("race " + round);
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<HttpResponse<String>>> results = new ArrayList<>();
            for (String token : List.of(dana, sam)) {
                results.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return api.post(path(s, "claim"), token, "{}");
                }));
            }
            go.countDown();
            List<Integer> codes = results.stream().map(f -> f.join().statusCode()).sorted().toList();
            assertThat(codes).as("round %d", round).containsExactly(200, 409);
            HttpResponse<String> loser = results.stream().map(CompletableFuture::join)
                    .filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
            assertThat(json(loser).get("error").asText()).isEqualTo("claimed_by_other");
            long joined = json(api.get(path(s, ""), dana)).get("messages").findValues("text").stream()
                    .filter(t -> t.asText().endsWith("joined the conversation.")).count();
            assertThat(joined).isEqualTo(1);
        }
    }

    @Test
    void only_the_agent_holding_the_conversation_may_reply_or_hand_it_back() {
        WidgetSession s = escalated("hello?");
        assertThat(json(api.post(path(s, "messages"), dana, "{\"text\":\"too early\"}")).get("error").asText())
                .isEqualTo("not_assigned");
        api.post(path(s, "claim"), dana, "{}");
        assertThat(api.post(path(s, "messages"), sam, "{\"text\":\"not mine\"}").statusCode()).isEqualTo(409);
        assertThat(api.post(path(s, "release"), sam, "{}").statusCode()).isEqualTo(409);
        assertThat(api.post(path(s, "messages"), dana, "{\"text\":\"   \"}").statusCode()).isEqualTo(400);
        assertThat(api.post(path(s, "messages"), dana, "{\"text\":\"" + "x".repeat(4001) + "\"}").statusCode()).isEqualTo(400);
        assertThat(api.post(path(s, "messages"), dana, "{\"text\":42}").statusCode()).isEqualTo(400);
        assertThat(api.post("/api/agent/conversations/00000000-0000-0000-0000-000000000000/claim", dana, "{}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void private_notes_are_shown_to_agents_and_never_to_the_customer() {
        WidgetSession s = escalated("my parcel is lost");
        HttpResponse<String> note = api.post(path(s, "notes"), sam, "{\"text\":\"VIP customer - offer express reshipping\"}");
        assertThat(note.statusCode()).isEqualTo(201);
        assertThat(json(note).get("authorName").asText()).isEqualTo("Sam");
        JsonNode view = json(api.get(path(s, ""), dana));
        assertThat(view.get("notes")).hasSize(1);
        assertThat(view.at("/notes/0/text").asText()).isEqualTo("VIP customer - offer express reshipping");
        HttpResponse<String> history = server.get("/api/widget/conversations/" + s.conversationId() + "/messages", s.token());
        assertThat(history.body()).doesNotContain("VIP customer");
        assertThat(view.get("messages").toString()).doesNotContain("VIP customer");
    }

    @Test
    void the_conversation_view_has_transcript_traces_escalation_and_a_customer_card() {
        WidgetSession s = escalated("<img src=x onerror=window.__xss=1> where is my order");
        JsonNode view = json(api.get(path(s, ""), dana));
        assertThat(view.at("/messages/0/text").asText()).as("kept exactly as typed; consoles show it as text")
                .isEqualTo("<img src=x onerror=window.__xss=1> where is my order");
        assertThat(view.at("/messages/0/role").asText()).isEqualTo("customer");
        assertThat(view.at("/traces/0/customerSeq").asLong()).isEqualTo(1);
        // the real pipeline reads through the markup: it is a question about an order
        assertThat(view.at("/traces/0/trace/intent/name").asText()).isEqualTo("order_status");
        assertThat(view.at("/traces/0/trace/decision/policy").asText()).isNotBlank();
        assertThat(view.at("/escalation/signal").asText()).isEqualTo("explicit_request");
        assertThat(view.at("/crm/status").asText()).as("no e-mail given or written").isEqualTo("no_email");
    }

    @Test
    void the_customer_card_comes_from_the_crm_and_says_how_the_email_is_known() {
        var r = server.post("/api/widget/sessions", "{\"locale\":\"en\",\"email\":\"Maya.Thompson@example.com\"}");
        String id = Frames.parse(r.body()).get("conversationId").asText();
        server.context().getBean(ConversationService.class).escalate(id,
                new Escalation("explicit_request", 1.0, "asked for a person", Instant.now()));
        JsonNode crm = json(api.get("/api/agent/conversations/" + id, dana)).get("crm");
        assertThat(crm.get("status").asText()).isEqualTo("found");
        assertThat(crm.get("email").asText()).isEqualTo("maya.thompson@example.com");
        assertThat(crm.get("evidence").asText()).isEqualTo("given");
        assertThat(crm.at("/customer/name").asText()).isEqualTo("Maya Thompson");
        assertThat(crm.get("orders").findValuesAsText("id")).contains("A1B2C3", "K7P2Q9", "M4N8R2");
        assertThat(crm.get("orders")).allSatisfy(o -> assertThat(o.get("verified").asBoolean()).isFalse());
    }

    @Test
    void hand_back_returns_the_chat_to_the_bot_which_answers_again() {
        WidgetSession s = escalated("fine, whatever");
        api.post(path(s, "claim"), dana, "{}");
        try (ChatClient widget = server.connect(s)) {
            widget.awaitType("state");
            HttpResponse<String> release = api.post(path(s, "release"), dana, "{}");
            assertThat(release.statusCode()).isEqualTo(200);
            assertThat(json(release).get("state").asText()).isEqualTo("bot");
            assertThat(widget.await(f -> f.path("type").asText().equals("state")).get("state").asText()).isEqualTo("bot");
            long seq = widget.say("after-release", "one more question");
            assertThat(widget.await(f -> f.path("type").asText().equals("message") && f.path("seq").asLong() > seq)
                    .get("role").asText()).isEqualTo("bot");
        }
    }

    @Test
    void resolve_ends_the_chat_for_the_customer() {
        WidgetSession s = escalated("ok thanks");
        api.post(path(s, "claim"), sam, "{}");
        try (ChatClient widget = server.connect(s)) {
            widget.awaitType("state");
            assertThat(api.post(path(s, "resolve"), sam, "{}").statusCode()).isEqualTo(200);
            assertThat(widget.await(f -> f.path("type").asText().equals("state")).get("state").asText()).isEqualTo("resolved");
        }
        assertThat(api.post(path(s, "claim"), dana, "{}").statusCode()).isEqualTo(409);
        JsonNode resolved = json(api.get("/api/agent/conversations?state=resolved", dana));
        assertThat(find(resolved.get("conversations"), s.conversationId())).isNotNull();
    }

    @Test
    void canned_replies_carry_the_agents_name() {
        JsonNode replies = json(api.get("/api/agent/canned-replies", dana)).get("replies");
        assertThat(replies.size()).isGreaterThan(2);
        assertThat(replies.get(0).get("text").asText()).contains("Dana").doesNotContain("{agent}");
    }

    @Test
    void an_admin_may_use_the_agent_api() {
        String admin = api.adminToken();
        WidgetSession s = escalated("admin test");
        assertThat(api.get("/api/agent/conversations", admin).statusCode()).isEqualTo(200);
        assertThat(api.post(path(s, "claim"), admin, "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void a_cross_site_claim_is_refused() {
        WidgetSession s = escalated("csrf?");
        HttpResponse<String> r = api.send("POST", path(s, "claim"), dana, "{}", Map.of("Origin", "http://localhost:1"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).get("error").asText()).isEqualTo("cross_site");
        assertThat(json(api.get(path(s, ""), dana)).get("state").asText()).isEqualTo("waiting_for_agent");
    }

    static JsonNode find(JsonNode list, String id) {
        for (JsonNode n : list) {
            if (n.get("id").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError("conversation " + id + " not in " + list);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
