package dev.chatbot.widget;

import dev.chatbot.connectors.auth.StaffAccounts;
import dev.chatbot.connectors.auth.StaffRole;
import dev.chatbot.widget.testing.Browser;
import dev.chatbot.widget.testing.Browser.Line;
import dev.chatbot.widget.testing.BrowserTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent console in a real browser next to a customer's widget: an angry customer is escalated, an agent signs in,
 * sees why, takes the chat, answers (the customer sees it live), writes a private note and hands back to the bot;
 * markup a customer types stays text in the console. Until the NLU-driven dialogue engine is wired into the server,
 * the escalation and its trace are made through the server's real conversation service and store, playing the
 * engine's part; everything from there to both screens is the product's own code.
 */
class AgentConsoleIT extends BrowserTestBase {

    private static final String DANA_PASSWORD = "dana-console-password";
    private static final String ADMIN_PASSWORD = "admin-console-password";
    private static final String XSS = "<img src=x onerror=window.__xss=1>";

    private Browser agent;

    @BeforeAll
    static void accounts() {
        StaffAccounts accounts = server.bean(StaffAccounts.class);
        accounts.createIfAbsent("dana", "Dana", StaffRole.AGENT, DANA_PASSWORD);
        accounts.createIfAbsent("alex", "Alex", StaffRole.ADMIN, ADMIN_PASSWORD);
    }

    @AfterEach
    void closeAgent() {
        if (agent != null) {
            agent.consoleLog().stream()
                    .filter(line -> line.contains("SEVERE") || line.contains("Content Security Policy"))
                    .forEach(line -> System.out.println("agent console: " + line));
            agent.close();
            agent = null;
        }
    }

    private void signIn(Browser b, String path, String username, String password) {
        signIn(b, path, username, password, null);
    }

    private void signIn(Browser b, String path, String username, String password, String screenshot) {
        b.open(server.origin() + path);
        WebElement user = b.waitUntil(d -> d.findElement(By.id("login-username")));
        user.sendKeys(username);
        b.driver().findElement(By.id("login-password")).sendKeys(password);
        if (screenshot != null) {
            b.screenshot(screenshot);
        }
        b.driver().findElement(By.id("login-submit")).click();
    }

    private WebElement queueItem(String conversationId) {
        return agent.waitUntil(d -> d.findElement(By.cssSelector("#queue li[data-id='" + conversationId + "']")));
    }

    private static String text(WebDriver d, String css) {
        return d.findElement(By.cssSelector(css)).getText();
    }

    @Test
    void an_agent_sees_the_reason_takes_the_chat_replies_live_notes_and_hands_back() {
        // the agent is at the desk before anything happens: the queue must update without reloading
        agent = Browser.start(Browser.DESKTOP);
        signIn(agent, "/agent/", "dana", DANA_PASSWORD, "agent-00-sign-in");
        agent.waitUntil(d -> text(d, "#live").equals("Live"));
        assertThat(text(agent.driver(), "#me")).isEqualTo("Dana (agent)");
        assertThat(agent.driver().findElements(By.cssSelector("#queue li[data-id]"))).isEmpty();
        agent.screenshot("agent-01-empty-queue");

        openDemoPage();
        browser.openChat();
        browser.send(XSS + " This is ridiculous, two weeks and no parcel. I want a human NOW. maya.thompson@example.com");
        browser.waitUntil(d -> browser.transcript().size() == 2);
        String id = conversationId();
        // the real bot hands this customer to a person (asking for a human, angrily)
        browser.waitUntil(d -> conversations().find(id).orElseThrow().state()
                == dev.chatbot.core.conversation.ConversationState.WAITING_FOR_AGENT);

        WebElement item = queueItem(id);
        assertThat(item.findElement(By.cssSelector("[data-role=signal]")).getText()).matches("[A-Z][a-z ]+ \\d\\.\\d\\d");
        assertThat(item.findElement(By.cssSelector("[data-role=sentiment]")).getText()).matches("(negative|neutral|positive) \\d\\.\\d\\d");
        assertThat(item.findElement(By.cssSelector("[data-role=wait]")).getText()).startsWith("waiting ");
        agent.screenshot("agent-02-live-queue");

        item.findElement(By.cssSelector("button")).click();
        agent.waitUntil(d -> text(d, "#reason").startsWith("Escalated: "));
        WebElement first = agent.waitUntil(d -> d.findElement(By.cssSelector("#transcript .msg[data-seq='1'] .msg__bubble")));
        assertThat(first.getText()).startsWith(XSS);
        first.findElement(By.xpath("../button")).click();
        WebElement trace = agent.waitUntil(d -> d.findElement(By.cssSelector("[data-role=trace]")));
        assertThat(trace.getText()).containsPattern("[a-z_]+ \\(0\\.\\d+\\)").contains("negativity")
                .contains("escalation: ");
        assertThat(text(agent.driver(), "#composer-hint")).isEqualTo("Take the conversation to reply to the customer.");
        // the customer card from the embedded demo CRM, found by the address written in the chat (not proof)
        assertThat(text(agent.driver(), "#crm-name")).isEqualTo("Maya Thompson");
        assertThat(text(agent.driver(), "#crm")).contains("maya.thompson@example.com").contains("mentioned, not verified");
        assertThat(agent.driver().findElements(By.cssSelector("#orders li[data-order]"))).hasSizeGreaterThanOrEqualTo(3);
        assertThat(text(agent.driver(), "#orders li[data-order='A1B2C3']")).contains("shipped").contains("UPS");
        agent.screenshot("agent-03-reason-and-trace");

        agent.driver().findElement(By.id("claim")).click();
        agent.waitUntil(d -> d.findElement(By.id("reply")));
        assertThat(text(agent.driver(), "#conv-state")).isEqualTo("Agent");
        browser.waitUntil(d -> browser.transcript().stream().anyMatch(l -> l.text().equals("Dana joined the conversation.")));
        // the claim's own events (state, the join notice) re-render the view: let them arrive before typing
        agent.waitUntil(d -> text(d, "#transcript").contains("Dana joined the conversation."));

        new Select(agent.driver().findElement(By.id("canned"))).selectByIndex(1);
        agent.waitUntil(d -> d.findElement(By.id("reply")).getAttribute("value").contains("this is Dana"));
        WebElement reply = agent.driver().findElement(By.id("reply"));
        reply.clear();
        reply.sendKeys("Hi, I'm Dana from support. I'm sorry about the wait - let me check your parcel.");
        agent.driver().findElement(By.id("send")).click();
        Line answer = browser.waitUntil(d -> browser.transcript().stream()
                .filter(l -> l.role().equals("agent")).findFirst().orElse(null));
        assertThat(answer.text()).isEqualTo("Hi, I'm Dana from support. I'm sorry about the wait - let me check your parcel.");
        assertThat(answer.who()).isEqualTo("Dana");
        browser.screenshot("agent-05-customer-sees-the-agent");

        // the customer answers with markup while the console has the conversation open: it arrives live, as text
        browser.send(XSS + " thanks");
        WebElement live = agent.waitUntil(d -> {
            List<WebElement> m = d.findElements(By.cssSelector("#transcript .msg--customer .msg__bubble"));
            return m.size() == 2 ? m.get(1) : null;
        });
        assertThat(live.getText()).isEqualTo(XSS + " thanks");
        assertThat(agent.js("return document.querySelectorAll('#transcript img, #queue img').length")).isEqualTo(0L);
        assertThat(agent.js("return window.__xss === undefined")).isEqualTo(true);

        agent.driver().findElement(By.id("note-text")).sendKeys("Promised to check the parcel with the carrier");
        agent.driver().findElement(By.id("add-note")).click();
        agent.waitUntil(d -> text(d, "#notes").contains("Promised to check the parcel with the carrier"));
        agent.screenshot("agent-04-claimed-reply-note");
        assertThat(browser.transcript()).noneMatch(l -> l.text().contains("Promised to check"));

        agent.driver().findElement(By.id("release")).click();
        agent.waitUntil(d -> text(d, "#conv-state").equals("Bot"));
        browser.waitUntil(d -> browser.transcript().stream().anyMatch(l -> l.text().startsWith("Dana handed the conversation back")));
        int before = browser.transcript().size();
        browser.send("ok, one more question then");
        browser.waitUntil(d -> {
            List<Line> lines = browser.transcript();
            return lines.size() >= before + 2 && lines.get(lines.size() - 1).role().equals("bot");
        });
        agent.waitUntil(d -> d.findElements(By.cssSelector("#transcript .msg--bot")).size() >= 2);
        agent.screenshot("agent-06-handed-back");
        browser.screenshot("agent-07-customer-back-with-bot");
        assertThat(browser.js("return window.__xss === undefined")).isEqualTo(true);
    }

    @Test
    void an_admin_adds_an_agent_and_disables_them_on_the_accounts_page() {
        agent = Browser.start(Browser.DESKTOP);
        signIn(agent, "/admin/users/", "alex", ADMIN_PASSWORD);
        agent.waitUntil(d -> d.findElement(By.cssSelector("#users tr[data-user='alex']")));
        agent.driver().findElement(By.id("new-username")).sendKeys("lee");
        agent.driver().findElement(By.id("new-display-name")).sendKeys("Lee <b>bold</b>");
        agent.driver().findElement(By.id("new-password")).sendKeys("lee-password-long");
        agent.driver().findElement(By.id("add-user")).click();
        WebElement row = agent.waitUntil(d -> d.findElement(By.cssSelector("#users tr[data-user='lee']")));
        assertThat(row.getText()).contains("Lee <b>bold</b>").contains("active");
        agent.screenshot("admin-01-accounts");

        row.findElement(By.cssSelector("button[data-action=disable]")).click();
        agent.waitUntil(d -> d.findElement(By.cssSelector("#users tr[data-user='lee']")).getText().contains("disabled"));
        agent.screenshot("admin-02-agent-disabled");

        try (Browser lee = Browser.start(Browser.DESKTOP)) {
            signIn(lee, "/agent/", "lee", "lee-password-long");
            lee.waitUntil(d -> text(d, "#login-error").equals("Wrong username or password."));
        }
    }

    @Test
    void the_console_sends_a_strict_content_security_policy() {
        var response = server.get("/agent/", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(response.body()).contains("/agent/console.js").doesNotContain("<script>");
        assertThat(server.get("/admin/users/", null).headers().firstValue("X-Frame-Options")).contains("DENY");
        var bare = server.get("/agent", null);
        assertThat(bare.statusCode()).as("the console without the trailing slash").isEqualTo(200);
        assertThat(bare.body()).contains("/agent/console.js");
    }
}
