package dev.chatbot.widget;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatbot.connectors.auth.StaffAccounts;
import dev.chatbot.connectors.auth.StaffRole;
import dev.chatbot.core.conversation.ConversationService;
import dev.chatbot.core.conversation.Escalation;
import dev.chatbot.core.conversation.MessageSource;
import dev.chatbot.core.conversation.NewMessage;
import dev.chatbot.core.conversation.Role;
import dev.chatbot.widget.testing.Browser;
import dev.chatbot.widget.testing.WidgetServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored XSS: markup written through the real APIs by a customer, an agent, an admin or the bot/LLM is shown as text
 * in the agent console, the accounts page and the admin console, and never runs. Every payload carries the class
 * {@code xss-probe} and sets {@code window.__xss} if it ever becomes an element; both are checked on every page.
 * (The widget side is {@link SafeRenderingIT}.)
 */
class StoredXssIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "xss-test-password";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static WidgetServer server;
    private static Path data;
    private Browser browser;

    /** A payload that would run and add an element if rendered as HTML, with a tag to find it as text. */
    static String payload(String tag) {
        return "<img class=xss-probe src=x onerror=\"window.__xss='" + tag + "'\"> " + tag;
    }

    @BeforeAll
    static void start() throws IOException {
        Path module = Path.of(System.getProperty("widget.module", ".")).toAbsolutePath().normalize();
        data = Files.createTempDirectory("chatbot-xss-").resolve("training-data");
        for (String part : List.of("intents", "entities", "sentiment", "faq")) {
            copyTree(module.resolve("../training-data").normalize().resolve(part), data.resolve(part));
        }
        server = WidgetServer.start(Map.of("chatbot.data-dir", data.toString()));
        StaffAccounts accounts = server.bean(StaffAccounts.class);
        accounts.createIfAbsent("xadmin", "Admin " + payload("adminname"), StaffRole.ADMIN, PASSWORD);
        accounts.createIfAbsent("xagent", "Agent " + payload("agentname"), StaffRole.AGENT, PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.consoleLog().stream().filter(l -> l.contains("SEVERE") || l.contains("Content Security Policy"))
                    .forEach(l -> System.out.println("browser console: " + l));
            browser.close();
            browser = null;
        }
    }

    @Test
    void customer_bot_agent_and_note_markup_is_text_in_the_agent_console_and_account_names_on_the_accounts_page() {
        ConversationService conversations = server.bean(ConversationService.class);
        String id = call("POST", "/api/widget/sessions", null, "{\"locale\":\"en\"}").get("conversationId").asText();
        conversations.receiveCustomerMessage(id, "c-1", payload("customer"));
        conversations.post(id, new NewMessage(Role.BOT, payload("llm"), Optional.empty(), Optional.empty(),
                List.of(payload("quick")), List.of(new MessageSource("faq-x", payload("source")))));
        conversations.escalate(id, new Escalation("explicit_request", 1.0, payload("reason"), Instant.now()));
        String agent = call("POST", "/api/auth/login", null,
                "{\"username\":\"xagent\",\"password\":\"" + PASSWORD + "\"}").get("token").asText();

        browser = Browser.start(Browser.DESKTOP);
        signIn("/agent/", "xagent");
        browser.waitUntil(Duration.ofSeconds(30), d -> d.findElement(By.cssSelector("#queue li[data-id='" + id + "']"))).click();
        call("POST", "/api/agent/conversations/" + id + "/claim", agent, "{}");
        call("POST", "/api/agent/conversations/" + id + "/messages", agent,
                JSON.createObjectNode().put("text", payload("reply")).toString());
        call("POST", "/api/agent/conversations/" + id + "/notes", agent,
                JSON.createObjectNode().put("text", payload("note")).toString());
        for (String tag : List.of("agentname", "customer", "llm", "reason", "reply", "note")) {
            waitShown(tag);
        }
        // (the canned replies, which carry the agent's display name, appear only once the console has re-rendered the
        // composer after the claim made through the API; that re-render races the view's own load, so they are not
        // waited for here: the console renders them with text nodes like every other text above)
        assertNothingRan("agent console");
        browser.screenshot("xss-agent-console");

        browser.close();
        browser = Browser.start(Browser.DESKTOP);
        signIn("/admin/users/", "xadmin");
        waitShown("adminname");
        waitShown("agentname");
        assertNothingRan("accounts page");
    }

    @Test
    void intent_faq_entity_sentiment_inbox_and_training_job_markup_is_text_in_the_admin_console() {
        String admin = call("POST", "/api/auth/login", null,
                "{\"username\":\"xadmin\",\"password\":\"" + PASSWORD + "\"}").get("token").asText();
        ObjectNode intent = JSON.createObjectNode().put("name", "xss_probe_intent").put("folder", "other")
                .put("description", payload("intentdesc"));
        intent.putArray("examples").add(payload("example1") + " gift card balance question")
                .add("how do i check " + payload("example2")).add("balance on my voucher " + payload("example3"))
                .add("voucher value " + payload("example4")).add("what is left on my card " + payload("example5"));
        call("POST", "/api/admin/intents", admin, intent.toString());
        call("POST", "/api/admin/faq", admin, JSON.createObjectNode().put("topic", "shipping")
                .put("question", "Can I ship to " + payload("faqq") + "?").put("answer", "Yes: " + payload("faqa"))
                .toString());
        ObjectNode entity = JSON.createObjectNode().put("name", "xss_probe").put("description", payload("entitydesc"));
        entity.putArray("values").addObject().put("value", payload("entityvalue"))
                .putArray("synonyms").add(payload("synonym"));
        call("POST", "/api/admin/entities", admin, entity.toString());
        call("POST", "/api/admin/sentiment/positive/examples", admin,
                JSON.createObjectNode().put("text", "lovely " + payload("sentiment")).toString());

        browser = Browser.start(Browser.DESKTOP);
        signIn("/admin/", "xadmin");
        browser.waitUntil(d -> d.findElement(By.cssSelector("#intent-list li[data-name='xss_probe_intent']"))).click();
        for (String tag : List.of("intentdesc", "example1", "example5")) {
            waitShown(tag);
        }
        assertNothingRan("intents");
        browser.open(server.origin() + "/admin/#faq");
        waitShown("faqq");
        browser.waitUntil(d -> d.findElements(By.cssSelector("#faq-list li")).stream()
                .filter(li -> li.getText().contains("faqq")).findFirst().orElse(null)).click();
        waitShown("faqa");
        assertNothingRan("faq");
        browser.open(server.origin() + "/admin/#entities");
        browser.waitUntil(d -> d.findElement(By.cssSelector("#entity-list li[data-name='xss_probe']"))).click();
        waitShown("entityvalue");
        waitShown("synonym");
        assertNothingRan("entities");
        browser.open(server.origin() + "/admin/#sentiment");
        waitShown("sentiment");
        assertNothingRan("sentiment");

        // a customer message the bot did not understand waits in the inbox
        ConversationService conversations = server.bean(ConversationService.class);
        String id = call("POST", "/api/widget/sessions", null, "{\"locale\":\"en\"}").get("conversationId").asText();
        conversations.receiveCustomerMessage(id, "c-inbox", payload("inboxtext") + " can you recommend a good pizza place in rome");
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!call("GET", "/api/admin/inbox", admin, "").toString().contains("inboxtext") && System.nanoTime() < until) {
            sleep(200);
        }
        browser.open(server.origin() + "/admin/#inbox");
        waitShown("inboxtext");
        assertNothingRan("inbox");

        // a training job refused at validation lists the problems, which quote the example text
        String dup = "  - '" + payload("jobtext").replace("'", "''") + " duplicated example'\n";
        writeFile(data.resolve("intents/other/xss_dup_a.yml"), "version: 1\nintent: xss_dup_a\nexamples:\n" + dup
                + "  - first other example\n");
        writeFile(data.resolve("intents/other/xss_dup_b.yml"), "version: 1\nintent: xss_dup_b\nexamples:\n" + dup
                + "  - second other example\n");
        browser.open(server.origin() + "/admin/#models");
        browser.waitUntil(d -> d.findElement(By.id("train"))).click();
        waitShown("jobtext");
        assertNothingRan("training job");
        browser.screenshot("xss-admin-console");
    }

    private static void writeFile(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void signIn(String path, String username) {
        browser.open(server.origin() + path);
        browser.waitUntil(d -> d.findElement(By.id("login-username"))).sendKeys(username);
        browser.driver().findElement(By.id("login-password")).sendKeys(PASSWORD);
        browser.driver().findElement(By.id("login-submit")).click();
    }

    /** Waits until the tag is visible as text, or is the value of a form field (text areas show text only). */
    private void waitShown(String tag) {
        try {
            browser.waitUntil(Duration.ofSeconds(30), d -> (Boolean) browser.js(
                    "const t = arguments[0];"
                            + "return document.body.innerText.includes(t)"
                            + " || [...document.querySelectorAll('textarea, input')].some(e => (e.value || '').includes(t));",
                    payload(tag)));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("not shown as text: " + tag + "; the page shows: " + browser.js("return document.body.innerText"), e);
        }
    }

    private void assertNothingRan(String where) {
        assertThat(browser.js("return document.querySelectorAll('.xss-probe').length")).as("%s: elements made from text", where)
                .isEqualTo(0L);
        assertThat(browser.js("return typeof window.__xss")).as("%s: script ran", where).isEqualTo("undefined");
    }

    private static com.fasterxml.jackson.databind.JsonNode call(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Origin", server.origin());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isBetween(200, 299);
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
