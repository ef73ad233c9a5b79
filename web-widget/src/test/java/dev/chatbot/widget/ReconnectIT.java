package dev.chatbot.widget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatbot.widget.testing.Browser.Line;
import dev.chatbot.widget.testing.BrowserTestBase;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection goes away in the middle of a conversation while the customer keeps writing; once it is back,
 * the widget shows exactly what the server stored: every message once, in order, nothing missing.
 */
class ReconnectIT extends BrowserTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void nothing_is_lost_or_duplicated_when_the_server_restarts_mid_conversation() throws Exception {
        openDemoPage();
        browser.openChat();
        browser.send("hello");
        browser.waitUntil(d -> browser.transcript().size() == 2);

        // questions the default bot answers (a fallback would hand the chat to a person after two and leave later
        // messages unanswered, and this test waits for the bot's answer to the last one)
        // sent right as the server goes down: its ack may or may not make it
        browser.send("how long does shipping take");
        server.stop();
        browser.waitUntil(d -> {
            Object status = browser.js("return document.documentElement.dataset.connection;");
            return "offline".equals(status) || "reconnecting".equals(status);
        });
        browser.send("can I pay with paypal");
        browser.send("thanks a lot");
        browser.waitUntil(d -> browser.transcript().stream().filter(Line::pending).count() >= 2);
        assertThat(browser.driver().findElement(org.openqa.selenium.By.id("connection")).getText())
                .isEqualTo("Connection lost. Reconnecting…");
        browser.screenshot("16-server-away-messages-pending");

        server.startAgain();
        List<Line> lines = awaitSettled(4);
        browser.screenshot("17-back-and-delivered");
        assertMatchesServerHistory(lines);
        assertThat(customerTexts(lines)).containsExactly("hello", "how long does shipping take",
                "can I pay with paypal", "thanks a lot");
    }

    @Test
    void nothing_is_lost_or_duplicated_when_the_browser_goes_offline() throws Exception {
        openDemoPage();
        browser.openChat();
        browser.send("hi there");
        browser.waitUntil(d -> browser.transcript().size() == 2);

        network(false);
        browser.waitUntil(d -> Boolean.FALSE.equals(browser.js("return navigator.onLine;")));
        browser.waitUntil(d -> !"online".equals(browser.js("return document.documentElement.dataset.connection;")));
        browser.send("how long does delivery take");
        browser.waitUntil(d -> browser.transcript().stream().anyMatch(Line::pending));
        assertThat(browser.driver().findElement(org.openqa.selenium.By.id("connection")).getText())
                .isEqualTo("You are offline. Your messages will be sent when the connection is back.");
        browser.screenshot("18-browser-offline");

        network(true);
        List<Line> lines = awaitSettled(2);
        assertMatchesServerHistory(lines);
        assertThat(customerTexts(lines)).containsExactly("hi there", "how long does delivery take");
    }

    private void network(boolean online) {
        browser.driver().executeCdpCommand("Network.enable", Map.of());
        browser.driver().executeCdpCommand("Network.emulateNetworkConditions", Map.of(
                "offline", !online, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /**
     * Waits until the widget is back online, every customer message on screen is stored, and the newest message is
     * the bot's answer (however many messages the dialogue engine sends per turn); returns the transcript.
     */
    private List<Line> awaitSettled(int customerMessages) {
        return browser.waitUntil(Duration.ofSeconds(45), d -> {
            List<Line> lines = browser.transcript();
            boolean settled = !lines.isEmpty() && lines.stream().noneMatch(Line::pending)
                    && customerTexts(lines).size() == customerMessages
                    && !lines.get(lines.size() - 1).role().equals("customer")
                    && "online".equals(browser.js("return document.documentElement.dataset.connection;"));
            return settled ? lines : null;
        });
    }

    /**
     * Compares the widget's transcript with the server's history. Several customer messages may be answered one turn
     * after the other, so the last answers can still be arriving: compare again for a few seconds before failing.
     */
    private void assertMatchesServerHistory(List<Line> first) throws Exception {
        List<Line> lines = first;
        List<String> stored = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            stored = storedHistory();
            List<String> shown = lines.stream().map(l -> l.seq() + " " + l.role() + " " + l.text()).toList();
            if (shown.equals(stored) || System.nanoTime() > deadline) {
                assertThat(shown).as("the widget shows what the server stored").isEqualTo(stored);
                break;
            }
            Thread.sleep(250);
            lines = browser.transcript();
        }
        assertThat(lines).extracting(Line::seq).doesNotHaveDuplicates();
        assertThat(stored).hasSize(lines.size());
    }

    private List<String> storedHistory() throws Exception {
        HttpResponse<String> r = server.get("/api/widget/conversations/" + conversationId() + "/messages?afterSeq=0", token());
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> stored = new ArrayList<>();
        for (JsonNode m : JSON.readTree(r.body()).get("messages")) {
            stored.add(m.get("seq").asLong() + " " + m.get("role").asText() + " " + m.get("text").asText());
        }
        return stored;
    }

    private static List<String> customerTexts(List<Line> lines) {
        return lines.stream().filter(l -> l.role().equals("customer")).map(Line::text).toList();
    }
}
