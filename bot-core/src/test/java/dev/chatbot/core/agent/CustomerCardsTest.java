package dev.chatbot.core.agent;

import dev.chatbot.core.conversation.Conversation;
import dev.chatbot.core.conversation.ConversationState;
import dev.chatbot.core.conversation.Message;
import dev.chatbot.core.conversation.Role;
import dev.chatbot.core.crm.Order;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerCardsTest {

    private final StubCrm crm = new StubCrm();
    private final CustomerCards cards = new CustomerCards(Optional.of(crm));

    private static Conversation conversation(String email) {
        Instant t = Instant.parse("2026-11-23T10:00:00Z");
        return new Conversation("c", ConversationState.WAITING_FOR_AGENT, "en", Optional.ofNullable(email), 1, t, t);
    }

    private static Message customer(String text) {
        return new Message("c", 1, Role.CUSTOMER, text, Instant.now(), Optional.of("x"), Optional.empty(), List.of(), List.of());
    }

    @Test
    void a_proved_email_wins_over_the_one_given_in_the_widget() {
        CustomerCard card = cards.lookup(conversation("someone@else.example"),
                Optional.of("{\"verifiedOrders\":{\"G7H8J9\":\"bob@example.com\"}}"), List.of());
        assertThat(card.status()).isEqualTo("found");
        assertThat(card.email()).contains("bob@example.com");
        assertThat(card.evidence()).contains("proved");
        assertThat(card.customer().orElseThrow().name()).isEqualTo("Bob Ray");
        assertThat(card.verifiedOrderIds()).containsExactly("G7H8J9");
    }

    @Test
    void the_given_email_finds_the_customer_and_their_orders_newest_first() {
        CustomerCard card = cards.lookup(conversation("Ann@Example.com"), Optional.empty(), List.of());
        assertThat(card.status()).isEqualTo("found");
        assertThat(card.evidence()).contains("given");
        assertThat(card.orders()).extracting(Order::id).containsExactly("A1B2C3", "D4E5F6");
    }

    @Test
    void an_email_written_in_the_chat_is_used_and_marked_as_mentioned() {
        CustomerCard card = cards.lookup(conversation(null), Optional.empty(),
                List.of(customer("my email is ann@example.com thanks")));
        assertThat(card.email()).contains("ann@example.com");
        assertThat(card.evidence()).contains("mentioned");
        assertThat(card.status()).isEqualTo("found");
    }

    @Test
    void no_email_no_lookup() {
        CustomerCard card = cards.lookup(conversation(null), Optional.empty(), List.of(customer("help")));
        assertThat(card.status()).isEqualTo("no_email");
        assertThat(card.email()).isEmpty();
    }

    @Test
    void unknown_customer_is_not_found() {
        assertThat(cards.lookup(conversation("nobody@example.com"), Optional.empty(), List.of()).status())
                .isEqualTo("not_found");
    }

    @Test
    void a_failing_crm_gives_a_card_that_says_so() {
        crm.down = true;
        CustomerCard card = cards.lookup(conversation("ann@example.com"), Optional.empty(), List.of());
        assertThat(card.status()).isEqualTo("unavailable");
        assertThat(card.problem()).contains("timeout");
        assertThat(card.email()).contains("ann@example.com");
    }

    @Test
    void without_a_crm_the_card_is_disabled() {
        CustomerCard card = new CustomerCards(Optional.empty()).lookup(conversation("ann@example.com"), Optional.empty(), List.of());
        assertThat(card.status()).isEqualTo("disabled");
    }
}
