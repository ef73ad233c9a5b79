package dev.chatbot.connectors.storage;

import dev.chatbot.core.conversation.AppendResult;
import dev.chatbot.core.conversation.Conversation;
import dev.chatbot.core.conversation.ConversationState;
import dev.chatbot.core.conversation.Message;
import dev.chatbot.core.conversation.MessageSource;
import dev.chatbot.core.conversation.NewMessage;
import dev.chatbot.core.conversation.Role;
import dev.chatbot.core.port.UnknownConversationException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every conversation store must do, run against each database the product supports. Subclasses provide a
 * store on a fresh, migrated database.
 */
abstract class ConversationStoreContract {

    protected abstract JdbcConversationStore store();

    @Test
    void numbers_messages_from_one_without_gaps() {
        Conversation c = store().create("en", Optional.empty());
        for (int i = 0; i < 5; i++) {
            store().append(c.id(), NewMessage.bot("reply " + i));
        }
        List<Message> all = store().messagesAfter(c.id(), 0, 100);
        assertThat(all).extracting(Message::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(store().find(c.id()).orElseThrow().lastSeq()).isEqualTo(5);
    }

    @Test
    void keeps_sequence_numbers_consecutive_under_concurrent_appends() throws Exception {
        Conversation c = store().create("en", Optional.empty());
        int threads = 8;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                start.await();
                List<Long> seqs = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    seqs.add(store().append(c.id(), NewMessage.customer("t" + thread + "-" + i, "hello")).message().seq());
                }
                return seqs;
            }));
        }
        start.countDown();
        Set<Long> all = Collections.synchronizedSet(new TreeSet<>());
        for (Future<List<Long>> f : results) {
            all.addAll(f.get());
        }
        pool.shutdown();
        assertThat(all).containsExactlyElementsOf(LongStream.rangeClosed(1, threads * perThread).boxed().toList());
        assertThat(store().messagesAfter(c.id(), 0, 1000)).hasSize(threads * perThread);
    }

    @Test
    void stores_a_retried_customer_message_once() {
        Conversation c = store().create("en", Optional.empty());
        AppendResult first = store().append(c.id(), NewMessage.customer("abc-1", "where is my order"));
        AppendResult retry = store().append(c.id(), NewMessage.customer("abc-1", "where is my order"));
        assertThat(first.duplicate()).isFalse();
        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.message().seq()).isEqualTo(first.message().seq());
        assertThat(store().messagesAfter(c.id(), 0, 10)).hasSize(1);
    }

    @Test
    void the_same_client_id_in_two_conversations_is_two_messages() {
        Conversation a = store().create("en", Optional.empty());
        Conversation b = store().create("en", Optional.empty());
        store().append(a.id(), NewMessage.customer("same", "hi"));
        assertThat(store().append(b.id(), NewMessage.customer("same", "hi")).duplicate()).isFalse();
    }

    @Test
    void reads_messages_after_a_sequence_number_with_their_extras() {
        Conversation c = store().create("en", Optional.of("ann@example.com"));
        store().append(c.id(), NewMessage.customer("c1", "<b>bold</b> & \"quotes\" \uD83D\uDE00"));
        store().append(c.id(), new NewMessage(Role.BOT, "Shipping takes 3-5 days.", Optional.empty(), Optional.empty(),
                List.of("Track my order", "Talk to a person"), List.of(new MessageSource("shipping-times", "How long does shipping take?"))));
        List<Message> after1 = store().messagesAfter(c.id(), 1, 10);
        assertThat(after1).hasSize(1);
        Message bot = after1.get(0);
        assertThat(bot.role()).isEqualTo(Role.BOT);
        assertThat(bot.quickReplies()).containsExactly("Track my order", "Talk to a person");
        assertThat(bot.sources()).containsExactly(new MessageSource("shipping-times", "How long does shipping take?"));
        Message customer = store().messagesAfter(c.id(), 0, 1).get(0);
        assertThat(customer.text()).isEqualTo("<b>bold</b> & \"quotes\" \uD83D\uDE00");
        assertThat(customer.clientId()).contains("c1");
        assertThat(store().find(c.id()).orElseThrow().customerEmail()).contains("ann@example.com");
    }

    @Test
    void pages_through_long_histories() {
        Conversation c = store().create("en", Optional.empty());
        for (int i = 0; i < 30; i++) {
            store().append(c.id(), NewMessage.bot("m" + i));
        }
        assertThat(store().messagesAfter(c.id(), 10, 5)).extracting(Message::seq).containsExactly(11L, 12L, 13L, 14L, 15L);
        assertThat(store().messagesAfter(c.id(), 30, 5)).isEmpty();
    }

    @Test
    void changes_state() {
        Conversation c = store().create("en", Optional.empty());
        assertThat(c.state()).isEqualTo(ConversationState.BOT);
        store().updateState(c.id(), ConversationState.WAITING_FOR_AGENT);
        assertThat(store().find(c.id()).orElseThrow().state()).isEqualTo(ConversationState.WAITING_FOR_AGENT);
    }

    @Test
    void refuses_unknown_conversations() {
        assertThat(store().find("no-such-id")).isEmpty();
        assertThatThrownBy(() -> store().append("no-such-id", NewMessage.bot("x")))
                .isInstanceOf(UnknownConversationException.class);
        assertThatThrownBy(() -> store().updateState("no-such-id", ConversationState.AGENT))
                .isInstanceOf(UnknownConversationException.class);
    }

    @Test
    void treats_sql_in_text_and_ids_as_data() {
        Conversation c = store().create("en", Optional.empty());
        String evil = "'); DROP TABLE messages; --";
        store().append(c.id(), NewMessage.customer("x1", evil));
        assertThat(store().messagesAfter(c.id(), 0, 10).get(0).text()).isEqualTo(evil);
        assertThat(store().find("' OR '1'='1")).isEmpty();
    }

    @Test
    void finds_conversations_whose_last_message_is_unanswered() {
        Conversation answered = store().create("en", Optional.empty());
        store().append(answered.id(), NewMessage.customer("a1", "hi"));
        store().append(answered.id(), NewMessage.bot("hello"));
        Conversation pending = store().create("en", Optional.empty());
        store().append(pending.id(), NewMessage.customer("p1", "hi"));
        List<Message> unanswered = store().unansweredCustomerMessages(java.time.Instant.now().minusSeconds(60), 100);
        assertThat(unanswered).extracting(Message::conversationId).contains(pending.id()).doesNotContain(answered.id());
    }

    @Test
    void records_a_rating() {
        Conversation c = store().create("en", Optional.empty());
        store().rate(c.id(), 5, Optional.of("quick and helpful"));
        assertThatThrownBy(() -> store().rate("nope", 3, Optional.empty())).isInstanceOf(UnknownConversationException.class);
    }

    @Test
    void escalating_records_why_and_waits_for_an_agent() {
        Conversation c = store().create("en", Optional.empty());
        java.time.Instant at = java.time.Instant.parse("2026-11-23T10:00:00Z");
        store().escalate(c.id(), new dev.chatbot.core.conversation.Escalation("negative_sentiment", 0.93,
                "negative sentiment 0.93 over threshold 0.85", at));
        Conversation e = store().find(c.id()).orElseThrow();
        assertThat(e.state()).isEqualTo(ConversationState.WAITING_FOR_AGENT);
        assertThat(e.escalation()).hasValueSatisfying(x -> {
            assertThat(x.signal()).isEqualTo("negative_sentiment");
            assertThat(x.score()).isEqualTo(0.93);
            assertThat(x.at()).isEqualTo(at);
        });
        assertThat(store().list(ConversationState.WAITING_FOR_AGENT, 1000)).extracting(Conversation::id).contains(c.id());
    }

    @Test
    void a_late_escalation_does_not_take_a_claimed_conversation_from_its_agent() {
        Conversation c = store().create("en", Optional.empty());
        assertThat(store().claim(c.id(), "dana")).isPresent();
        store().escalate(c.id(), new dev.chatbot.core.conversation.Escalation("negative_sentiment", 0.97, "late",
                java.time.Instant.now()));
        Conversation after = store().find(c.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(ConversationState.AGENT);
        assertThat(after.assignedAgent()).contains("dana");
        assertThat(after.escalation()).hasValueSatisfying(x -> assertThat(x.signal()).isEqualTo("negative_sentiment"));
    }

    @Test
    void exactly_one_of_two_agents_claims_a_conversation() throws Exception {
        Conversation c = store().create("en", Optional.empty());
        store().escalate(c.id(), new dev.chatbot.core.conversation.Escalation("explicit_request", 1, "asked", java.time.Instant.now()));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        Future<Optional<Conversation>> a = pool.submit(() -> { go.await(); return store().claim(c.id(), "ann"); });
        Future<Optional<Conversation>> b = pool.submit(() -> { go.await(); return store().claim(c.id(), "bob"); });
        go.countDown();
        boolean annWon = a.get().isPresent();
        boolean bobWon = b.get().isPresent();
        pool.shutdown();
        assertThat(annWon ^ bobWon).as("exactly one claim succeeds").isTrue();
        Conversation claimed = store().find(c.id()).orElseThrow();
        assertThat(claimed.state()).isEqualTo(ConversationState.AGENT);
        assertThat(claimed.assignedAgent()).contains(annWon ? "ann" : "bob");
        Conversation back = store().release(c.id(), ConversationState.BOT);
        assertThat(back.assignedAgent()).isEmpty();
        assertThat(back.state()).isEqualTo(ConversationState.BOT);
    }

    @Test
    void keeps_the_dialogue_state_and_turn_traces() {
        Conversation c = store().create("en", Optional.empty());
        assertThat(store().dialogueState(c.id())).isEmpty();
        store().saveDialogueState(c.id(), "{\"form\":\"refund_request\"}");
        assertThat(store().dialogueState(c.id())).contains("{\"form\":\"refund_request\"}");
        store().saveTrace(c.id(), 1, "{\"winner\":\"faq\"}");
        store().saveTrace(c.id(), 3, "{\"winner\":\"handler\"}");
        store().saveTrace(c.id(), 3, "{\"winner\":\"escalation\"}");
        assertThat(store().traces(c.id())).containsExactly(
                java.util.Map.entry(1L, "{\"winner\":\"faq\"}"), java.util.Map.entry(3L, "{\"winner\":\"escalation\"}"));
    }

    @Test
    void a_turn_context_holds_the_conversation_its_memory_and_the_history_up_to_the_message() {
        Conversation c = store().create("en", Optional.empty());
        for (int i = 1; i <= 6; i++) {
            store().append(c.id(), NewMessage.customer("m" + i, "message " + i));
        }
        store().saveDialogueState(c.id(), "{\"form\":\"refund_request\"}");
        var context = store().turnContext(c.id(), 5, 3);
        assertThat(context.conversation().lastSeq()).isEqualTo(6);
        assertThat(context.dialogueState()).contains("{\"form\":\"refund_request\"}");
        assertThat(context.history()).extracting(Message::seq).containsExactly(3L, 4L, 5L);
        assertThatThrownBy(() -> store().turnContext("no-such-conversation", 1, 3))
                .isInstanceOf(UnknownConversationException.class);
    }

    @Test
    void a_completed_turn_stores_memory_trace_and_replies_in_order() {
        Conversation c = store().create("en", Optional.empty());
        store().append(c.id(), NewMessage.customer("m1", "hello"));
        List<Message> replies = store().completeTurn(c.id(), 1, Optional.of("{\"turns\":1}"),
                Optional.of("{\"winner\":\"faq\"}"), List.of(NewMessage.bot("first"), NewMessage.bot("second")));
        assertThat(replies).extracting(Message::seq).containsExactly(2L, 3L);
        assertThat(store().messagesAfter(c.id(), 0, 10)).extracting(Message::text)
                .containsExactly("hello", "first", "second");
        assertThat(store().dialogueState(c.id())).contains("{\"turns\":1}");
        assertThat(store().traces(c.id())).containsEntry(1L, "{\"winner\":\"faq\"}");
        // a turn for a conversation that does not exist fails
        assertThatThrownBy(() -> store().completeTurn("no-such-conversation", 1, Optional.of("{}"),
                Optional.of("{}"), List.of(NewMessage.bot("lost"))))
                .isInstanceOf(UnknownConversationException.class);
        assertThat(store().completeTurn(c.id(), 3, Optional.empty(), Optional.empty(), List.of())).isEmpty();
        assertThat(store().find(c.id()).orElseThrow().lastSeq()).isEqualTo(3);
    }
}
