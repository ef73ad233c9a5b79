package dev.chatbot.widget;

import dev.chatbot.widget.testing.Browser;
import dev.chatbot.widget.testing.Browser.Line;
import dev.chatbot.widget.testing.BrowserTestBase;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A customer on the demo shop page chats with the bot through the widget, in a real browser. */
class CustomerChatIT extends BrowserTestBase {

    @Test
    void customer_opens_the_widget_on_the_demo_page_and_gets_an_answer() {
        openDemoPage();
        assertThat(browser.driver().getTitle()).contains("Fernhill Outfitters");
        browser.screenshot("01-demo-page");

        browser.openChat();
        browser.screenshot("02-widget-open");
        browser.send("Where is my order A1B2C3?");

        browser.waitUntil(d -> browser.transcript().size() >= 2);
        List<Line> lines = browser.transcript();
        assertThat(lines).extracting(Line::seq, Line::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "customer"),
                        org.assertj.core.groups.Tuple.tuple(2L, "bot"));
        assertThat(lines.get(0).text()).isEqualTo("Where is my order A1B2C3?");
        assertThat(lines.get(1).text()).as("the bot asks for the e-mail on the order before it says anything")
                .contains("e-mail").doesNotContain("UPS");
        assertThat(browser.driver().findElement(By.id("input")).getDomProperty("value")).isEmpty();

        // the order status from the embedded demo CRM, once the e-mail matches the order
        browser.send("maya.thompson@example.com");
        browser.waitUntil(d -> browser.transcript().size() >= 4);
        Line status = browser.transcript().get(3);
        assertThat(status.role()).isEqualTo("bot");
        assertThat(status.text()).contains("A1B2C3").contains("shipped").contains("UPS").contains("1Z4F81W70391847265");
        browser.screenshot("03-conversation");
    }

    @Test
    void reload_restores_the_conversation_and_new_answers_raise_the_unread_badge() {
        openDemoPage();
        browser.openChat();
        browser.send("Do you ship to Norway?");
        browser.waitUntil(d -> browser.transcript().size() == 2);
        browser.send("And how much does it cost?");
        browser.waitUntil(d -> browser.transcript().size() == 4 && browser.transcript().stream().noneMatch(Line::pending));
        List<Line> before = browser.transcript();
        String conversation = conversationId();

        browser.reload();
        browser.launcher();
        // the widget reconnects in the background; a message that arrives while it is closed is counted
        browser.frame();
        browser.waitUntil(d -> browser.transcript().size() == 4);
        conversations().post(conversation, dev.chatbot.core.conversation.NewMessage.bot(
                "By the way, orders over €50 ship free this week."));
        browser.host();
        String label = browser.waitUntil(d -> {
            String l = browser.launcher().getDomAttribute("aria-label");
            return l != null && l.contains("1 unread") ? l : null;
        });
        assertThat(label).contains("Chat with Fernhill Outfitters");
        assertThat(browser.widgetRoot().findElement(By.cssSelector(".badge")).getText()).isEqualTo("1");
        browser.screenshot("04-unread-badge");

        browser.openChat();
        List<Line> after = browser.transcript();
        assertThat(after.subList(0, 4)).isEqualTo(before);
        assertThat(after).hasSize(5);
        assertThat(after.get(4).text()).isEqualTo("By the way, orders over €50 ship free this week.");
        assertThat(conversationId()).isEqualTo(conversation);
        browser.host();
        assertThat(browser.widgetRoot().findElement(By.cssSelector(".badge")).isDisplayed()).isFalse();
    }

    @Test
    void init_twice_and_a_second_copy_of_the_loader_leave_one_launcher() {
        openDemoPage();
        browser.js("window.ChatbotWidget.init({title: 'A second title'});"
                + "window.ChatbotWidget('init', {title: 'A third title'});");
        browser.js("const s = document.createElement('script'); s.src = '/widget/v1/loader.js';"
                + "s.setAttribute('data-init', ''); document.body.appendChild(s);");
        browser.waitUntil(d -> (Boolean) browser.js(
                "return performance.getEntriesByName(new URL('/widget/v1/loader.js', location.href).href).length >= 1"));
        browser.openChat();
        assertThat(browser.driver().findElement(By.id("title")).getText()).isEqualTo("Fernhill Outfitters");
        browser.host();
        assertThat(browser.launcherCount()).isEqualTo(1);
        assertThat(browser.js("return document.querySelectorAll('iframe, [data-chatbot-widget]').length")).isEqualTo(1L);
    }

    @Test
    void keyboard_alone_opens_the_chat_sends_a_message_and_closes_it() {
        openDemoPage();
        Actions keys = new Actions(browser.driver());
        boolean onLauncher = false;
        for (int i = 0; i < 40 && !onLauncher; i++) {
            keys.sendKeys(Keys.TAB).perform();
            onLauncher = (Boolean) browser.js("const h = document.activeElement;"
                    + "return !!(h && h.id === 'chatbot-widget' && h.shadowRoot.activeElement"
                    + " && h.shadowRoot.activeElement.classList.contains('launcher'));");
        }
        assertThat(onLauncher).as("the launcher is reachable with Tab").isTrue();
        browser.screenshot("05-launcher-focused");

        keys.sendKeys(Keys.ENTER).perform();
        browser.waitUntil(d -> browser.panelVisible());
        browser.frame();
        browser.waitUntil(d -> "input".equals(browser.js("return document.activeElement && document.activeElement.id")));

        keys.sendKeys("Hello from the keyboard").perform();
        keys.sendKeys(Keys.ENTER).perform();
        browser.waitUntil(d -> browser.transcript().size() == 2);
        assertThat(browser.transcript().get(0).text()).isEqualTo("Hello from the keyboard");

        keys.sendKeys(Keys.ESCAPE).perform();
        browser.host();
        browser.waitUntil(d -> !browser.panelVisible());
        assertThat(browser.js("const h = document.activeElement;"
                + "return h.id === 'chatbot-widget' && h.shadowRoot.activeElement.classList.contains('launcher');"))
                .as("focus goes back to the launcher").isEqualTo(true);
        assertThat(browser.launcher().getDomAttribute("aria-expanded")).isEqualTo("false");
    }

    @Test
    void on_a_phone_sized_screen_the_chat_fills_the_screen() {
        browser.resize(Browser.PHONE);
        openDemoPage();
        browser.screenshot("06-phone-demo-page");
        browser.openChat();
        browser.send("Can I return a tent I already used?");
        browser.waitUntil(d -> browser.transcript().size() == 2);
        browser.host();
        @SuppressWarnings("unchecked")
        Map<String, Object> rect = (Map<String, Object>) browser.js(
                "const r = document.getElementById('chatbot-widget').shadowRoot.querySelector('iframe')"
                        + ".getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height,"
                        + " vw: innerWidth, vh: innerHeight};");
        assertThat(((Number) rect.get("x")).doubleValue()).isZero();
        assertThat(((Number) rect.get("y")).doubleValue()).isZero();
        assertThat(((Number) rect.get("w")).doubleValue()).isEqualTo(((Number) rect.get("vw")).doubleValue());
        assertThat(((Number) rect.get("h")).doubleValue()).isEqualTo(((Number) rect.get("vh")).doubleValue());
        assertThat(browser.launcher().isDisplayed()).as("the launcher makes room").isFalse();
        browser.frame();
        assertThat(browser.driver().findElement(By.id("close")).isDisplayed()).isTrue();
        browser.screenshot("07-phone-chat");
        browser.frame();
        browser.driver().findElement(By.id("close")).click();
        browser.host();
        browser.waitUntil(d -> !browser.panelVisible() && browser.launcher().isDisplayed());
    }
}
