package dev.chatbot.widget;

import dev.chatbot.core.conversation.MessageSource;
import dev.chatbot.core.conversation.NewMessage;
import dev.chatbot.core.conversation.Role;
import dev.chatbot.widget.testing.Browser.Line;
import dev.chatbot.widget.testing.BrowserTestBase;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever anybody writes is shown as text and never runs, the chat frame's CSP blocks inline script, and the
 * widget works on a page of another origin while ignoring messages that do not come from its own frame.
 */
class SafeRenderingIT extends BrowserTestBase {

    private static final String IMG = "<img src=x onerror=window.__xss=1>";
    private static final String SCRIPT = "<script>window.__xss=2</script>";
    private static final String AGENT = "<img src=x onerror=\"parent.__xss=3\"> I checked <b>your</b> order";

    @Test
    void markup_from_customers_agents_and_the_bot_is_shown_as_text_and_never_runs() {
        openDemoPage();
        browser.openChat();
        browser.send(IMG);
        browser.waitUntil(d -> browser.transcript().size() == 2);
        browser.send(SCRIPT);
        browser.waitUntil(d -> browser.transcript().size() == 4);

        String id = conversationId();
        conversations().post(id, new NewMessage(Role.AGENT, AGENT, Optional.empty(),
                Optional.of("<i>Eve</i>"), List.of(), List.of()));
        conversations().post(id, new NewMessage(Role.BOT, "See <a href=javascript:alert(1)>this</a>",
                Optional.empty(), Optional.empty(), List.of("<img src=y onerror=window.__xss=4>"),
                List.of(new MessageSource("faq-1", "<svg onload=window.__xss=5>"))));
        browser.waitUntil(d -> browser.transcript().size() == 6);

        List<Line> lines = browser.transcript();
        assertThat(lines.get(0).text()).isEqualTo(IMG);
        assertThat(lines.get(2).text()).isEqualTo(SCRIPT);
        assertThat(lines.get(4).text()).isEqualTo(AGENT);
        assertThat(lines.get(4).who()).isEqualTo("<i>Eve</i>");
        assertThat(lines.get(5).text()).isEqualTo("See <a href=javascript:alert(1)>this</a>");
        WebElement quick = browser.driver().findElement(By.cssSelector("#quick-replies button"));
        assertThat(quick.getText()).isEqualTo("<img src=y onerror=window.__xss=4>");
        assertThat(browser.driver().findElement(By.cssSelector(".msg__source")).getText())
                .isEqualTo("<svg onload=window.__xss=5>");

        assertThat(browser.js("return document.querySelectorAll("
                + "'#log img, #log script, #log b, #log i, #log a, #log svg, #quick-replies img').length"))
                .as("no element was made from message text").isEqualTo(0L);
        assertThat(browser.js("return typeof window.__xss")).isEqualTo("undefined");
        browser.host();
        assertThat(browser.js("return typeof window.__xss")).isEqualTo("undefined");
        browser.screenshot("08-markup-shown-as-text");
    }

    @Test
    void the_chat_frame_refuses_inline_script() {
        openDemoPage();
        browser.openChat();
        Object ran = browser.js("const s = document.createElement('script');"
                + "s.textContent = 'window.__inline = 1'; document.body.appendChild(s);"
                + "return typeof window.__inline;");
        assertThat(ran).isEqualTo("undefined");
        assertThat(browser.consoleLog()).anyMatch(l -> l.contains("Content Security Policy"));
    }

    @Test
    void the_widget_works_on_another_origin_and_ignores_messages_that_are_not_from_its_frame() {
        String foreignOrigin = server.origin().replace("localhost", "127.0.0.1");
        browser.open(foreignOrigin + "/test-pages/foreign-host.html");
        browser.launcher();
        browser.waitUntil(d -> eventNames().contains("ready"));

        // a message that claims to come from the chat frame, posted by the page itself
        browser.js("window.postMessage({ns: 'chatbot-widget', type: 'unread', count: 42}, '*');");
        browser.js("window.postMessage({ns: 'chatbot-widget', type: 'event', name: 'message',"
                + " data: {text: 'forged'}}, '*');");
        browser.js("return new Promise(r => setTimeout(r, 300));");
        assertThat(browser.widgetRoot().findElement(By.cssSelector(".badge")).isDisplayed()).isFalse();
        assertThat(eventNames()).doesNotContain("message", "unread");

        browser.openChat();
        assertThat(browser.driver().findElement(By.id("title")).getText()).isEqualTo("Other Shop Help");
        browser.send("Hello from another site");
        browser.waitUntil(d -> browser.transcript().size() == 2);
        browser.host();
        browser.waitUntil(d -> eventNames().contains("message"));
        assertThat(eventNames()).contains("ready", "open", "conversation", "message");
        @SuppressWarnings("unchecked")
        Map<String, Object> message = (Map<String, Object>) browser.js(
                "return window.widgetEvents.find(e => e.name === 'message').data;");
        assertThat(message).containsEntry("role", "bot");
        browser.screenshot("09-another-origin");
    }

    @SuppressWarnings("unchecked")
    private List<String> eventNames() {
        browser.host();
        return (List<String>) browser.js("return window.widgetEvents.map(e => e.name);");
    }
}
