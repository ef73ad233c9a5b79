package dev.chatbot.core.conversation;

import dev.chatbot.core.dialogue.BotTurn;
import dev.chatbot.core.dialogue.DialogueEngine;
import dev.chatbot.core.fanout.InProcessMessageFanout;
import dev.chatbot.core.port.ConversationStore;
import dev.chatbot.core.port.StoreUnavailableException;
import dev.chatbot.core.testkit.InMemoryConversationStore;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationServiceTest {

    private final InMemoryConversationStore store = new InMemoryConversationStore();
    private final InProcessMessageFanout fanout = new InProcessMessageFanout();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    private ConversationService service(DialogueEngine engine) {
        return new ConversationService(store, fanout, engine, new KeyedSerialExecutor(pool));
    }

    private void settle() throws InterruptedException {
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void stores_the_customer_message_before_the_bot_answers_and_publishes_both() throws Exception {
        List<ConversationEvent> events = new CopyOnWriteArrayList<>();
        ConversationService service = service(input -> {
            assertThat(store.messagesAfter(input.conversation().id(), 0, 10)).hasSize(1);
            return BotTurn.reply("hello " + input.customerMessage().text());
        });
        Conversation c = service.start("en", Optional.empty());
        fanout.subscribe(c.id(), events::add);
        AppendResult r = service.receiveCustomerMessage(c.id(), "c1", "Ann");
        assertThat(r.message().seq()).isEqualTo(1);
        settle();
        assertThat(store.messagesAfter(c.id(), 0, 10)).extracting(Message::text).containsExactly("Ann", "hello Ann");
        assertThat(events).filteredOn(e -> e instanceof ConversationEvent.MessageAdded).hasSize(2);
        assertThat(events).anyMatch(e -> e instanceof ConversationEvent.Typing t && t.role() == Role.BOT);
    }

    @Test
    void a_retry_is_not_answered_twice() throws Exception {
        AtomicInteger turns = new AtomicInteger();
        ConversationService service = service(input -> {
            turns.incrementAndGet();
            return BotTurn.reply("ok");
        });
        Conversation c = service.start("en", Optional.empty());
        service.receiveCustomerMessage(c.id(), "same", "hi");
        Thread.sleep(200);
        assertThat(service.receiveCustomerMessage(c.id(), "same", "hi").duplicate()).isTrue();
        settle();
        assertThat(turns).hasValue(1);
        assertThat(store.messagesAfter(c.id(), 0, 10)).hasSize(2);
    }

    @Test
    void the_bot_stays_quiet_while_a_person_has_the_conversation() throws Exception {
        ConversationService service = service(input -> BotTurn.reply("bot talking"));
        Conversation c = service.start("en", Optional.empty());
        service.changeState(c.id(), ConversationState.AGENT);
        service.receiveCustomerMessage(c.id(), "c1", "hello agent");
        settle();
        assertThat(store.messagesAfter(c.id(), 0, 10)).extracting(Message::role).containsExactly(Role.CUSTOMER);
    }

    @Test
    void a_failing_turn_leaves_an_apology_instead_of_silence() throws Exception {
        ConversationService service = service(input -> {
            throw new IllegalStateException("boom");
        });
        Conversation c = service.start("en", Optional.empty());
        service.receiveCustomerMessage(c.id(), "c1", "hello");
        settle();
        List<Message> all = store.messagesAfter(c.id(), 0, 10);
        assertThat(all).hasSize(2);
        assertThat(all.get(1).role()).isEqualTo(Role.SYSTEM);
        assertThat(all.get(1).text()).doesNotContain("boom");
    }

    @Test
    void a_turn_can_change_the_state() throws Exception {
        ConversationService service = service(input -> new BotTurn(List.of(NewMessage.bot("Connecting you to a person.")),
                Optional.of(ConversationState.WAITING_FOR_AGENT)));
        Conversation c = service.start("en", Optional.empty());
        service.receiveCustomerMessage(c.id(), "c1", "human please");
        settle();
        assertThat(store.find(c.id()).orElseThrow().state()).isEqualTo(ConversationState.WAITING_FOR_AGENT);
    }

    @Test
    void recovers_an_unanswered_message_but_not_an_answered_one() throws Exception {
        AtomicInteger turns = new AtomicInteger();
        ConversationService service = service(input -> {
            turns.incrementAndGet();
            return BotTurn.reply("late answer");
        });
        Conversation c = service.start("en", Optional.empty());
        Message unanswered = store.append(c.id(), NewMessage.customer("x", "anyone?")).message();
        service.resumeUnansweredTurn(c.id(), unanswered);
        Thread.sleep(300);
        service.resumeUnansweredTurn(c.id(), unanswered);
        settle();
        assertThat(turns).hasValue(1);
    }

    /** The in-memory store, failing every call with {@link StoreUnavailableException} while {@code down} is set. */
    private ConversationStore unavailableWhile(AtomicBoolean down) {
        return (ConversationStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConversationStore.class}, (proxy, method, args) -> {
                    if (down.get()) {
                        throw new StoreUnavailableException("database unreachable (test)", null);
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static final ConversationService.TurnRetry QUICK_RETRY = new ConversationService.TurnRetry(
            Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(5));

    private List<Message> awaitMessages(String conversationId, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<Message> all = store.messagesAfter(conversationId, 0, 10);
        while (all.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
            all = store.messagesAfter(conversationId, 0, 10);
        }
        return all;
    }

    @Test
    void a_turn_the_store_cut_short_is_answered_once_the_store_is_back() throws Exception {
        AtomicBoolean down = new AtomicBoolean();
        AtomicInteger turns = new AtomicInteger();
        ConversationService service = new ConversationService(unavailableWhile(down), fanout, input -> {
            if (turns.incrementAndGet() == 1) {
                // the database goes away while the bot thinks, and comes back 300 ms later
                down.set(true);
                Thread.ofVirtual().start(() -> {
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException ignored) {
                        // test ends
                    }
                    down.set(false);
                });
            }
            return BotTurn.reply("here is your answer");
        }, new KeyedSerialExecutor(pool), QUICK_RETRY);
        Conversation c = service.start("en", Optional.empty());
        service.receiveCustomerMessage(c.id(), "c1", "hello?");

        List<Message> all = awaitMessages(c.id(), 2);
        assertThat(all).extracting(Message::text).containsExactly("hello?", "here is your answer");
        Thread.sleep(300);
        assertThat(store.messagesAfter(c.id(), 0, 10)).as("answered once, no apology").hasSize(2);
        assertThat(turns).hasValue(2);
        settle();
    }

    @Test
    void a_retry_stays_quiet_when_the_customer_wrote_again_meanwhile() throws Exception {
        AtomicBoolean down = new AtomicBoolean();
        AtomicInteger turns = new AtomicInteger();
        ConversationService service = new ConversationService(unavailableWhile(down), fanout, input -> {
            if (turns.incrementAndGet() == 1) {
                down.set(true);
            }
            return BotTurn.reply("answer to " + input.customerMessage().text());
        }, new KeyedSerialExecutor(pool), new ConversationService.TurnRetry(Duration.ofMillis(400),
                Duration.ofMillis(400), Duration.ofSeconds(5)));
        Conversation c = service.start("en", Optional.empty());
        service.receiveCustomerMessage(c.id(), "c1", "first");
        Thread.sleep(100);
        down.set(false);
        service.receiveCustomerMessage(c.id(), "c2", "second");

        awaitMessages(c.id(), 3);
        Thread.sleep(600); // past the retry of "first"
        assertThat(store.messagesAfter(c.id(), 0, 10)).extracting(Message::text)
                .containsExactly("first", "second", "answer to second");
        settle();
    }

    @Test
    void a_conversation_nobody_claims_goes_back_to_the_bot_with_a_notice() throws Exception {
        ConversationService service = service(input -> BotTurn.reply("ok"));
        Conversation c = service.start("en", Optional.empty());
        java.time.Instant escalated = java.time.Instant.parse("2026-11-23T10:00:00Z");
        service.escalate(c.id(), new Escalation("explicit_request", 1, "asked", escalated));
        assertThat(service.releaseUnclaimed(java.time.Duration.ofMinutes(5), escalated.plusSeconds(60), "nobody")).isZero();
        assertThat(service.releaseUnclaimed(java.time.Duration.ofMinutes(5), escalated.plusSeconds(301), "nobody here")).isEqualTo(1);
        assertThat(store.find(c.id()).orElseThrow().state()).isEqualTo(ConversationState.BOT);
        assertThat(store.messagesAfter(c.id(), 0, 10)).extracting(Message::text).containsExactly("nobody here");
        settle();
    }
}
