package dev.chatbot.core.dialogue;

import dev.chatbot.core.conversation.ConversationState;
import dev.chatbot.core.handler.Handlers;
import dev.chatbot.core.llm.DisabledFallbackGenerator;
import dev.chatbot.core.policy.Policies;
import dev.chatbot.core.testkit.ConversationKit;
import dev.chatbot.core.testkit.InMemoryConversationStore;
import dev.chatbot.nlp.data.IntentDefinition;
import dev.chatbot.nlp.data.IntentExample;
import dev.chatbot.nlp.data.SourceRef;
import dev.chatbot.nlp.data.TrainingData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's decisions, with the NLU and the CRM faked so that each rule is tested on its own. */
class NluDialogueEngineTest {

    private final ScriptedNlu nlu = new ScriptedNlu();
    private final FakeCrm crm = new FakeCrm();
    private ConversationKit kit;

    private static IntentDefinition intent(String name, String handler, boolean escalate, String... replies) {
        return new IntentDefinition(name, "", List.of(IntentExample.of(name + " example")), List.of(replies),
                Optional.ofNullable(handler), escalate, SourceRef.MEMORY);
    }

    @BeforeEach
    void setUp() {
        TrainingData data = new TrainingData(Optional.empty(), List.of(
                intent("order_status", "order_status", false),
                intent("cancel_order", "cancel_order", false),
                intent("refund_request", "refund_request", false),
                intent("return_item", "return_item", false),
                intent("change_address", "change_address", false),
                intent("talk_to_human", null, true),
                intent("legal_threat", null, true),
                intent("greet", null, false, "Hi! How can I help?"),
                intent("affirm", null, false),
                intent("deny", null, false)), List.of(), List.of(), List.of(), List.of());
        BotModel model = new BotModel("test-1", nlu, data);
        NluDialogueEngine engine = new NluDialogueEngine(() -> model,
                Policies.standard(Handlers.builtIn(crm), new DisabledFallbackGenerator()),
                DialogueConfig.defaults(), Clock.fixed(FakeCrm.NOW, ZoneOffset.UTC));
        kit = new ConversationKit(new InMemoryConversationStore(), engine);

        nlu.on("where is my order").intent("order_status", 0.95).done();
        nlu.on("A1B2C3").intent("out_of_scope", 0.4).entity("order_id", "A1B2C3").done();
        nlu.on("ann@example.com").intent("out_of_scope", 0.4).entity("email", "ann@example.com").done();
        nlu.on("bob@example.com").intent("out_of_scope", 0.4).entity("email", "bob@example.com").done();
        nlu.on("yes").intent("affirm", 0.97).done();
        nlu.on("no").intent("deny", 0.97).done();
        nlu.on("hello").intent("greet", 0.98).done();
    }

    @Test
    void order_status_asks_for_the_order_then_the_email_then_answers_from_the_crm() {
        var chat = kit.newConversation();
        chat.say("where is my order").expectIntent("order_status").expectPolicy("handler")
                .expectHandler("order_status").expectReplyContaining("order number");
        chat.say("A1B2C3").expectPolicy("form").expectReplyContaining("e-mail");
        chat.say("ann@example.com").expectPolicy("form").expectReplyContaining("shipped")
                .expectReplyContaining("DHL").expectReplyContaining("JD0001234567").expectState(ConversationState.BOT);
    }

    @Test
    void an_email_that_does_not_match_reveals_nothing_about_the_order() {
        var chat = kit.newConversation();
        chat.say("where is my order");
        chat.say("A1B2C3");
        chat.say("bob@example.com").expectReplyContaining("couldn't find").expectReplyNotContaining("shipped")
                .expectReplyNotContaining("DHL").expectReplyNotContaining("89.90");
        // an id that does not exist gets the very same answer
        nlu.on("ZZ9ZZ9").intent("out_of_scope", 0.4).entity("order_id", "ZZ9ZZ9").done();
        chat.say("ZZ9ZZ9");
        chat.say("ann@example.com").expectReplyContaining("couldn't find an order ZZ9ZZ9 with that e-mail address");
    }

    @Test
    void three_failed_verifications_stop_the_checks_and_hand_over() {
        var chat = kit.newConversation();
        chat.say("where is my order");
        for (int i = 0; i < 2; i++) {
            chat.say("A1B2C3");
            chat.say("bob@example.com").expectNoEscalation();
        }
        chat.say("A1B2C3");
        chat.say("bob@example.com").expectEscalation("verification_failed").expectState(ConversationState.WAITING_FOR_AGENT);
    }

    @Test
    void the_customer_can_change_topic_and_come_back() {
        nlu.on("how long does shipping take").intent("out_of_scope", 0.3).faq("shipping-times", 0.9).done();
        var chat = kit.newConversation();
        chat.say("where is my order").expectReplyContaining("order number");
        chat.say("how long does shipping take").expectPolicy("faq").expectSource("shipping-times");
        chat.say("A1B2C3").expectPolicy("form").expectReplyContaining("e-mail");
        chat.say("ann@example.com").expectReplyContaining("shipped");
    }

    @Test
    void a_confident_new_request_suspends_the_open_form() {
        nlu.on("I want a refund for D4E5F6").intent("refund_request", 0.93).entity("order_id", "D4E5F6").done();
        var chat = kit.newConversation();
        chat.say("where is my order");
        chat.say("I want a refund for D4E5F6").expectHandler("refund_request").expectReplyContaining("e-mail");
        chat.say("ann@example.com").expectReplyContaining("49.00 EUR").expectReplyContaining("Shall I request it");
        chat.say("yes").expectReplyContaining("reference R-1");
        assertThat(crm.refunds).hasSize(1);
        assertThat(crm.refunds.get(0).amount()).isEqualByComparingTo("49.00");
    }

    @Test
    void a_refund_above_the_limit_goes_to_a_person_with_the_amount() {
        nlu.on("refund G7H8J9 please").intent("refund_request", 0.93).entity("order_id", "G7H8J9").done();
        var chat = kit.newConversation();
        chat.say("refund G7H8J9 please");
        chat.say("bob@example.com").expectEscalation("refund_above_limit").expectReplyContaining("450.00 EUR")
                .expectState(ConversationState.WAITING_FOR_AGENT);
        assertThat(crm.refunds).isEmpty();
        assertThat(chat.conversation().escalation().orElseThrow().score()).isEqualTo(450.0);
    }

    @Test
    void a_refund_outside_the_return_window_is_explained_not_requested() {
        nlu.on("refund K1L2M3").intent("refund_request", 0.93).entity("order_id", "K1L2M3").done();
        var chat = kit.newConversation();
        chat.say("refund K1L2M3");
        chat.say("bob@example.com").expectReplyContaining("outside our return window").expectNoEscalation();
        assertThat(crm.refunds).isEmpty();
    }

    @Test
    void cancelling_asks_for_confirmation_and_a_no_changes_nothing() {
        nlu.on("cancel P4Q5R6").intent("cancel_order", 0.93).entity("order_id", "P4Q5R6").done();
        nlu.on("cat@example.com").intent("out_of_scope", 0.4).entity("email", "cat@example.com").done();
        var chat = kit.newConversation();
        chat.say("cancel P4Q5R6");
        chat.say("cat@example.com").expectReplyContaining("Shall I cancel it");
        chat.say("no").expectReplyContaining("haven't changed anything");
        assertThat(crm.orders.get("P4Q5R6").status().wireName()).isEqualTo("pending");
        chat.say("cancel P4Q5R6").expectReplyContaining("Shall I cancel it"); // verified already: no e-mail again
        chat.say("yes").expectReplyContaining("is cancelled");
        assertThat(crm.orders.get("P4Q5R6").status().wireName()).isEqualTo("cancelled");
    }

    @Test
    void a_crm_outage_gets_a_clear_message_and_an_offer_of_a_person() {
        crm.down = true;
        var chat = kit.newConversation();
        chat.say("where is my order");
        chat.say("A1B2C3");
        chat.say("ann@example.com").expectReplyContaining("can't reach our order system")
                .expectReplyContaining("connect you with a person");
    }

    @Test
    void asking_for_a_person_escalates_with_the_reason() {
        nlu.on("let me talk to a human").intent("talk_to_human", 0.96).done();
        var chat = kit.newConversation();
        chat.say("let me talk to a human").expectPolicy("escalation").expectEscalation("explicit_request")
                .expectState(ConversationState.WAITING_FOR_AGENT).expectReplyContaining("person");
        assertThat(chat.conversation().escalation().orElseThrow().detail()).contains("talk_to_human");
    }

    @Test
    void a_legal_threat_is_a_risky_intent() {
        nlu.on("I will sue you").intent("legal_threat", 0.9).done();
        kit.newConversation().say("I will sue you").expectEscalation("risky_intent");
    }

    @Test
    void a_very_negative_message_escalates() {
        nlu.on("this is the WORST service ever!!!").intent("out_of_scope", 0.3).negativity(0.93).done();
        kit.newConversation().say("this is the WORST service ever!!!").expectEscalation("negative_sentiment");
    }

    @Test
    void sentiment_getting_worse_over_three_messages_escalates() {
        nlu.on("hmm").intent("greet", 0.9).negativity(0.3).done();
        nlu.on("not great").intent("greet", 0.9).negativity(0.5).done();
        nlu.on("this is really annoying").intent("greet", 0.9).negativity(0.7).done();
        var chat = kit.newConversation();
        chat.say("hmm").expectNoEscalation();
        chat.say("not great").expectNoEscalation();
        chat.say("this is really annoying").expectEscalation("sentiment_worsening");
    }

    @Test
    void two_fallbacks_in_a_row_escalate() {
        var chat = kit.newConversation();
        chat.say("what is the meaning of life").expectPolicy("default_fallback").expectReplyContaining("can't answer")
                .expectNoEscalation();
        chat.say("and the airspeed of a swallow").expectEscalation("repeated_fallback")
                .expectState(ConversationState.WAITING_FOR_AGENT);
    }

    @Test
    void a_fallback_then_a_good_answer_resets_the_count() {
        var chat = kit.newConversation();
        chat.say("what is the meaning of life").expectPolicy("default_fallback");
        chat.say("hello").expectPolicy("fixed_reply");
        chat.say("and the airspeed of a swallow").expectPolicy("default_fallback").expectNoEscalation();
    }

    @Test
    void accepting_the_offer_of_a_person_escalates_and_declining_does_not() {
        var chat = kit.newConversation();
        chat.say("what is the meaning of life").expectReplyContaining("connect you with a person");
        chat.say("no").expectPolicy("offer_answer").expectNoEscalation();
        var other = kit.newConversation();
        other.say("what is the meaning of life");
        other.say("yes").expectEscalation("accepted_offer");
    }

    @Test
    void the_trace_records_every_candidate_and_the_winner() {
        nlu.on("hi, shipping times?").intent("greet", 0.6).faq("shipping-times", 0.8).done();
        var turn = kit.newConversation().say("hi, shipping times?").expectPolicy("faq");
        assertThat(turn.trace().path("candidates").findValuesAsText("policy"))
                .contains("faq", "fixed_reply", "default_fallback");
        assertThat(turn.trace().path("decision").path("reason").asText()).contains("shipping-times");
        assertThat(turn.trace().path("model").asText()).isEqualTo("test-1");
    }
}
