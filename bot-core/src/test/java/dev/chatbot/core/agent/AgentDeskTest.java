package dev.chatbot.core.agent;

import dev.chatbot.core.agent.AgentDeskException.Reason;
import dev.chatbot.core.conversation.Conversation;
import dev.chatbot.core.conversation.ConversationEvent;
import dev.chatbot.core.conversation.ConversationService;
import dev.chatbot.core.conversation.ConversationState;
import dev.chatbot.core.conversation.Escalation;
import dev.chatbot.core.conversation.KeyedSerialExecutor;
import dev.chatbot.core.conversation.Message;
import dev.chatbot.core.conversation.Role;
import dev.chatbot.core.dialogue.BotTurn;
import dev.chatbot.core.fanout.InProcessMessageFanout;
import dev.chatbot.core.testkit.InMemoryConversationStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentDeskTest {

    private static final Agent DANA = new Agent("dana", "Dana", false);
    private static final Agent SAM = new Agent("sam", "Sam", false);
    private static final Agent ADA = new Agent("ada", "Ada", true);

    private final InMemoryConversationStore store = new InMemoryConversationStore();
    private final InProcessMessageFanout fanout = new InProcessMessageFanout();
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final ConversationService service = new ConversationService(store, fanout,
            input -> BotTurn.reply("bot answer"), new KeyedSerialExecutor(pool));
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:10:00Z"), ZoneOffset.UTC);
    private final AgentDesk desk = new AgentDesk(store, service, fanout, new InMemoryNotes(store),
            new CustomerCards(Optional.empty()), clock, 4000);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private Conversation escalated() {
        Conversation c = service.start("en", Optional.of("ann@example.com"));
        store.append(c.id(), dev.chatbot.core.conversation.NewMessage.customer("c1", "this is useless, I want a refund NOW"));
        store.saveTrace(c.id(), 1, "{\"sentiment\":{\"label\":\"negative\",\"score\":0.91,\"negativity\":0.93}}");
        service.escalate(c.id(), new Escalation("negative_sentiment", 0.93, "negative sentiment 0.93 over threshold 0.85",
                Instant.parse("2026-11-23T10:00:00Z")));
        return c;
    }

    @Test
    void queue_shows_reason_sentiment_wait_and_last_message() {
        Conversation c = escalated();
        List<QueueItem> queue = desk.queue(ConversationState.WAITING_FOR_AGENT, 50);
        assertThat(queue).hasSize(1);
        QueueItem item = queue.getFirst();
        assertThat(item.conversation().id()).isEqualTo(c.id());
        assertThat(item.conversation().escalation().orElseThrow().signal()).isEqualTo("negative_sentiment");
        assertThat(item.sentiment().orElseThrow().label()).isEqualTo("negative");
        assertThat(item.sentiment().orElseThrow().negativity()).isEqualTo(0.93);
        assertThat(item.waiting().toMinutes()).isEqualTo(10);
        assertThat(item.lastMessage().orElseThrow().text()).contains("refund NOW");
    }

    @Test
    void claim_moves_to_agent_announces_the_agent_and_publishes_the_state() {
        Conversation c = escalated();
        List<ConversationEvent> events = new CopyOnWriteArrayList<>();
        fanout.subscribe(c.id(), events::add);
        Conversation claimed = desk.claim(c.id(), DANA);
        assertThat(claimed.state()).isEqualTo(ConversationState.AGENT);
        assertThat(claimed.assignedAgent()).contains("dana");
        assertThat(events.getFirst()).isEqualTo(new ConversationEvent.StateChanged(c.id(), ConversationState.AGENT));
        Message joined = ((ConversationEvent.MessageAdded) events.get(1)).message();
        assertThat(joined.role()).isEqualTo(Role.SYSTEM);
        assertThat(joined.text()).isEqualTo("Dana joined the conversation.");
    }

    @Test
    void claiming_twice_by_the_same_agent_is_harmless_but_another_agent_gets_a_conflict() {
        Conversation c = escalated();
        desk.claim(c.id(), DANA);
        long before = store.find(c.id()).orElseThrow().lastSeq();
        assertThat(desk.claim(c.id(), DANA).assignedAgent()).contains("dana");
        assertThat(store.find(c.id()).orElseThrow().lastSeq()).as("no second 'joined' message").isEqualTo(before);
        assertThatThrownBy(() -> desk.claim(c.id(), SAM))
                .isInstanceOfSatisfying(AgentDeskException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CLAIMED_BY_OTHER));
    }

    @Test
    void of_many_agents_claiming_at_once_exactly_one_wins() throws Exception {
        Conversation c = escalated();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService racers = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> results = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Agent a = new Agent("agent" + i, "Agent " + i, false);
            results.add(racers.submit(() -> {
                go.await();
                try {
                    desk.claim(c.id(), a);
                    return true;
                } catch (AgentDeskException e) {
                    return false;
                }
            }));
        }
        go.countDown();
        int wins = 0;
        for (Future<Boolean> f : results) {
            wins += f.get() ? 1 : 0;
        }
        racers.shutdown();
        assertThat(wins).isEqualTo(1);
    }

    @Test
    void reply_is_stored_as_the_agent_with_their_display_name() {
        Conversation c = escalated();
        desk.claim(c.id(), DANA);
        Message m = desk.reply(c.id(), DANA, "  Hi Ann, I'm looking at your order now.  ");
        assertThat(m.role()).isEqualTo(Role.AGENT);
        assertThat(m.author()).contains("Dana");
        assertThat(m.text()).isEqualTo("Hi Ann, I'm looking at your order now.");
    }

    @Test
    void only_the_holder_may_reply() {
        Conversation c = escalated();
        assertThatThrownBy(() -> desk.reply(c.id(), DANA, "hello"))
                .isInstanceOfSatisfying(AgentDeskException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_ASSIGNED));
        desk.claim(c.id(), DANA);
        assertThatThrownBy(() -> desk.reply(c.id(), SAM, "hello"))
                .isInstanceOfSatisfying(AgentDeskException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CLAIMED_BY_OTHER));
        assertThatThrownBy(() -> desk.reply(c.id(), ADA, "hello")).as("admins claim before replying too")
                .isInstanceOf(AgentDeskException.class);
    }

    @Test
    void refuses_empty_and_overlong_text() {
        Conversation c = escalated();
        desk.claim(c.id(), DANA);
        assertThatThrownBy(() -> desk.reply(c.id(), DANA, "   "))
                .isInstanceOfSatisfying(AgentDeskException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_TEXT));
        assertThatThrownBy(() -> desk.note(c.id(), DANA, "x".repeat(4001)))
                .isInstanceOfSatisfying(AgentDeskException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_TEXT));
    }

    @Test
    void release_gives_the_conversation_back_to_the_bot_which_answers_again() throws Exception {
        Conversation c = escalated();
        desk.claim(c.id(), DANA);
        assertThatThrownBy(() -> desk.release(c.id(), SAM)).isInstanceOf(AgentDeskException.class);
        Conversation released = desk.release(c.id(), DANA);
        assertThat(released.state()).isEqualTo(ConversationState.BOT);
        assertThat(released.assignedAgent()).isEmpty();
        service.receiveCustomerMessage(c.id(), "c2", "ok, where is my parcel?");
        pool.shutdown();
        pool.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        List<Message> all = store.messagesAfter(c.id(), 0, 100);
        assertThat(all.getLast().role()).isEqualTo(Role.BOT);
        assertThat(all).anyMatch(m -> m.role() == Role.SYSTEM && m.text().startsWith("Dana handed the conversation back"));
    }

    @Test
    void an_admin_may_resolve_a_conversation_another_agent_holds() {
        Conversation c = escalated();
        desk.claim(c.id(), DANA);
        assertThatThrownBy(() -> desk.resolve(c.id(), SAM)).isInstanceOf(AgentDeskException.class);
        assertThat(desk.resolve(c.id(), ADA).state()).isEqualTo(ConversationState.RESOLVED);
        assertThat(desk.resolve(c.id(), ADA).state()).as("resolving again changes nothing").isEqualTo(ConversationState.RESOLVED);
        assertThatThrownBy(() -> desk.claim(c.id(), SAM))
                .isInstanceOfSatisfying(AgentDeskException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_STATE));
    }

    @Test
    void notes_stay_private_and_reach_note_listeners() {
        Conversation c = escalated();
        List<AgentNote> heard = new CopyOnWriteArrayList<>();
        desk.onNote(heard::add);
        List<ConversationEvent> customerSide = new CopyOnWriteArrayList<>();
        fanout.subscribe(c.id(), customerSide::add);
        long before = store.find(c.id()).orElseThrow().lastSeq();
        AgentNote n = desk.note(c.id(), SAM, "Customer was promised a call back yesterday");
        assertThat(desk.notes(c.id())).containsExactly(n);
        assertThat(heard).containsExactly(n);
        assertThat(customerSide).isEmpty();
        assertThat(store.find(c.id()).orElseThrow().lastSeq()).isEqualTo(before);
    }

    @Test
    void unknown_conversations_are_reported_as_not_found() {
        assertThatThrownBy(() -> desk.claim("no-such-id", DANA))
                .isInstanceOfSatisfying(AgentDeskException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        assertThatThrownBy(() -> desk.view("no-such-id")).isInstanceOf(AgentDeskException.class);
    }

    @Test
    void view_has_transcript_traces_notes_and_card() {
        Conversation c = escalated();
        desk.note(c.id(), DANA, "vip");
        ConversationView v = desk.view(c.id());
        assertThat(v.messages()).hasSize(1);
        assertThat(v.traces()).containsKey(1L);
        assertThat(v.notes()).hasSize(1);
        assertThat(v.card().status()).isEqualTo("disabled");
        assertThat(v.card().email()).contains("ann@example.com");
        assertThat(v.card().evidence()).contains("given");
    }
}
