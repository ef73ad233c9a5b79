package dev.chatbot.widget;

import dev.chatbot.core.conversation.ConversationEvent;
import dev.chatbot.core.conversation.ConversationState;
import dev.chatbot.core.conversation.MessageSource;
import dev.chatbot.core.conversation.NewMessage;
import dev.chatbot.core.conversation.Role;
import dev.chatbot.core.port.MessageFanout;
import dev.chatbot.widget.testing.Browser.Line;
import dev.chatbot.widget.testing.BrowserTestBase;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the customer sees as the conversation moves: quick replies, FAQ sources, a streamed answer, waiting for a
 * person, an agent who writes, and the rating at the end. The NLU-driven dialogue engine and the agent console
 * are built elsewhere, so the test plays their part through the server's real conversation service and
 * fan-out; everything from there to the screen is the product's own code.
 */
class ConversationStatesIT extends BrowserTestBase {

    @Test
    void quick_replies_sources_and_a_streamed_answer() {
        openDemoPage();
        browser.openChat();
        browser.send("How long does shipping take?");
        browser.waitUntil(d -> browser.transcript().size() == 2);
        String id = conversationId();

        conversations().post(id, new NewMessage(Role.BOT, "Standard shipping takes 3-5 business days.",
                Optional.empty(), Optional.empty(), List.of("Track my order", "Talk to a person"),
                List.of(new MessageSource("shipping-times", "How long does shipping take?"))));
        List<WebElement> buttons = browser.waitUntil(d -> {
            List<WebElement> b = d.findElements(By.cssSelector("#quick-replies button"));
            return b.size() == 2 ? b : null;
        });
        assertThat(buttons).extracting(WebElement::getText).containsExactly("Track my order", "Talk to a person");
        assertThat(browser.driver().findElement(By.cssSelector(".msg__sources")).getText())
                .isEqualTo("Source: How long does shipping take?");
        browser.screenshot("10-quick-replies-and-source");

        buttons.get(0).click();
        browser.waitUntil(d -> browser.transcript().size() == 5);
        Line chosen = browser.transcript().get(3);
        assertThat(chosen.role()).isEqualTo("customer");
        assertThat(chosen.text()).isEqualTo("Track my order");
        assertThat(browser.driver().findElements(By.cssSelector("#quick-replies button")))
                .as("an answered offer goes away").isEmpty();

        // an answer streamed in pieces (as the LLM fallback does), then the final message replaces them
        MessageFanout fanout = server.bean(MessageFanout.class);
        fanout.publish(new ConversationEvent.Typing(id, Role.BOT));
        browser.waitUntil(d -> d.findElement(By.id("typing")).isDisplayed());
        assertThat(browser.driver().findElement(By.id("typing")).getText()).isEqualTo("Assistant is typing…");
        fanout.publish(new ConversationEvent.PartialReply(id, "c-stream", "Your parcel left our warehouse "));
        fanout.publish(new ConversationEvent.PartialReply(id, "c-stream", "yesterday and is with DHL"));
        WebElement streaming = browser.waitUntil(d -> d.findElement(By.id("streaming")));
        browser.waitUntil(d -> streaming.getText().contains("with DHL"));
        assertThat(streaming.findElement(By.cssSelector(".msg__text")).getText())
                .isEqualTo("Your parcel left our warehouse yesterday and is with DHL");
        browser.screenshot("11-streamed-answer");
        conversations().post(id, NewMessage.bot("Your parcel left our warehouse yesterday and is with DHL."));
        browser.waitUntil(d -> d.findElements(By.id("streaming")).isEmpty());
        List<Line> lines = browser.transcript();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(5).text()).isEqualTo("Your parcel left our warehouse yesterday and is with DHL.");
        assertThat(browser.driver().findElement(By.id("typing")).isDisplayed()).isFalse();
    }

    @Test
    void waiting_for_a_person_then_the_agent_by_name_then_the_rating() throws SQLException {
        openDemoPage();
        browser.openChat();
        browser.send("I want to talk to a person");
        browser.waitUntil(d -> browser.transcript().size() == 2);
        String id = conversationId();

        conversations().changeState(id, ConversationState.WAITING_FOR_AGENT);
        WebElement banner = browser.waitUntil(d -> {
            WebElement b = d.findElement(By.id("handoff"));
            return b.isDisplayed() ? b : null;
        });
        assertThat(banner.getText()).isEqualTo("Connecting you to a person… Please stay in this chat.");
        assertThat(banner.getDomAttribute("role")).isEqualTo("status");
        browser.screenshot("12-waiting-for-agent");

        conversations().changeState(id, ConversationState.AGENT);
        conversations().post(id, new NewMessage(Role.AGENT, "Hi, I am Dana from support. Let me check that for you.",
                Optional.empty(), Optional.of("Dana"), List.of(), List.of()));
        browser.waitUntil(d -> browser.transcript().size() == 3);
        Line agent = browser.transcript().get(2);
        assertThat(agent.role()).isEqualTo("agent");
        assertThat(agent.who()).isEqualTo("Dana");
        browser.waitUntil(d -> d.findElement(By.id("handoff")).getText().equals("You are chatting with Dana."));
        browser.screenshot("13-agent-joined");

        conversations().changeState(id, ConversationState.RESOLVED);
        WebElement rating = browser.waitUntil(d -> {
            WebElement r = d.findElement(By.id("rating"));
            return r.isDisplayed() ? r : null;
        });
        assertThat(rating.findElement(By.tagName("legend")).getText()).isEqualTo("How did we do?");
        browser.driver().findElement(By.id("rating-submit")).click();
        assertThat(browser.driver().findElement(By.id("rating-error")).getText())
                .isEqualTo("Please choose from 1 to 5 stars.");
        browser.driver().findElement(By.cssSelector("label[for='star-4']")).click();
        browser.driver().findElement(By.id("rating-comment")).sendKeys("Dana was quick and kind.");
        browser.screenshot("14-rating");
        browser.driver().findElement(By.id("rating-submit")).click();
        browser.waitUntil(d -> d.findElement(By.id("rating-thanks")).isDisplayed());
        assertThat(browser.driver().findElement(By.id("rating-thanks")).getText()).isEqualTo("Thank you for your feedback!");
        browser.screenshot("15-rating-sent");

        DataSource db = server.bean(DataSource.class);
        browser.waitUntil(d -> storedRating(db, id) != null);
        assertThat(storedRating(db, id)).isEqualTo("4:Dana was quick and kind.");
    }

    private static String storedRating(DataSource db, String conversationId) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT rating, rating_comment FROM conversations WHERE id = ?")) {
            s.setString(1, conversationId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next() || r.getObject(1) == null) {
                    return null;
                }
                return r.getInt(1) + ":" + r.getString(2);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
