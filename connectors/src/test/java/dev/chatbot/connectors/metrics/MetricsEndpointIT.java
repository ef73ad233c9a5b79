package dev.chatbot.connectors.metrics;

import dev.chatbot.connectors.agent.StaffApi;
import dev.chatbot.connectors.testing.ChatClient;
import dev.chatbot.connectors.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's latency histograms over real sockets: a bot turn is counted once in each, and only admins or the
 * holder of the configured metrics token can read them; a server without a token has no {@code /metrics} at all.
 */
class MetricsEndpointIT {

    private static final String TOKEN = "metrics-token-for-tests-0123456789";
    private static TestServer server;
    private static TestServer withoutToken;

    @BeforeAll
    static void start() {
        Map<String, Object> settings = new HashMap<>(StaffApi.settings());
        settings.put("chatbot.metrics.token", TOKEN);
        server = TestServer.start(settings);
        withoutToken = TestServer.start(StaffApi.settings());
    }

    @AfterAll
    static void stop() {
        server.close();
        withoutToken.close();
    }

    @Test
    void a_bot_turn_is_counted_once_in_the_ack_and_turn_histograms() {
        long turnsBefore = count(scrape(), "chatbot_gateway_bot_turn_seconds");
        long acksBefore = count(scrape(), "chatbot_gateway_ack_seconds");
        try (ChatClient chat = server.connect(server.newSession())) {
            chat.awaitType("state");
            long seq = chat.say("m-1", "hello");
            chat.awaitSeq(seq + 1);
            chat.say("m-1", "hello"); // a resend: acknowledged again, not a second turn
        }
        // counted when the socket write completes, which may be a moment after the client has read the frame
        String after = scrape();
        for (int i = 0; i < 40 && count(after, "chatbot_gateway_ack_seconds") < acksBefore + 2; i++) {
            sleep();
            after = scrape();
        }
        sleep();
        after = scrape();
        assertThat(count(after, "chatbot_gateway_ack_seconds")).isEqualTo(acksBefore + 2);
        assertThat(count(after, "chatbot_gateway_bot_turn_seconds")).isEqualTo(turnsBefore + 1);
        assertThat(after).contains("# TYPE chatbot_gateway_bot_turn_seconds histogram");
    }

    @Test
    void metrics_need_the_configured_token() {
        assertThat(server.get("/metrics", null).statusCode()).isEqualTo(401);
        assertThat(server.get("/metrics", "wrong-token-wrong-token-wrong-token").statusCode()).isEqualTo(401);
        HttpResponse<String> ok = server.get("/metrics", TOKEN);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    }

    @Test
    void admins_read_metrics_and_agents_do_not() {
        StaffApi staff = new StaffApi(server);
        assertThat(server.get("/api/admin/metrics", null).statusCode()).isEqualTo(401);
        assertThat(server.get("/api/admin/metrics", staff.newAgent("metrics-agent", "Agent")).statusCode()).isEqualTo(403);
        HttpResponse<String> ok = server.get("/api/admin/metrics", staff.adminToken());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("chatbot_gateway_ack_seconds_count");
    }

    @Test
    void without_a_configured_token_there_is_no_public_metrics_path() {
        assertThat(withoutToken.get("/metrics", null).statusCode()).isEqualTo(404);
        assertThat(withoutToken.get("/metrics", TOKEN).statusCode()).isEqualTo(404);
        assertThat(withoutToken.get("/api/admin/metrics", new StaffApi(withoutToken).adminToken()).statusCode())
                .isEqualTo(200);
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String scrape() {
        HttpResponse<String> r = server.get("/metrics", TOKEN);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static long count(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "_count (\\d+)$").matcher(text);
        assertThat(m.find()).as(name + "_count in the metrics").isTrue();
        return Long.parseLong(m.group(1));
    }
}
