package dev.chatbot.core.conversation;

import dev.chatbot.core.dialogue.BotTurn;
import dev.chatbot.core.dialogue.DialogueEngine;
import dev.chatbot.core.dialogue.TurnInput;
import dev.chatbot.core.port.ConversationStore;
import dev.chatbot.core.port.MessageFanout;
import dev.chatbot.core.port.StoreUnavailableException;
import dev.chatbot.core.port.UnknownConversationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The path of a customer message: store it (before anyone is told it arrived), tell everyone watching the
 * conversation, then let the dialogue engine take the bot's turn on a worker, store the replies and tell
 * everyone again. One conversation's turns run in order; different conversations run in parallel.
 *
 * <p>All methods block on storage; callers run them off I/O event loops.
 *
 * <p>A bot turn that the store cut short (the database went away after the customer's message was stored and
 * acknowledged, so neither the answer nor an apology could be stored) is taken again once the store is back: retried
 * with a growing pause for a while, as long as that message is still the conversation's newest. Like the recovery at
 * start-up, this may run a handler step a second time when the store failed after the step's CRM call.
 */
public final class ConversationService {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationService.class);

    /** How many earlier messages the dialogue engine sees. */
    static final int HISTORY_WINDOW = 20;

    static final String APOLOGY = "Sorry, something went wrong on our side while answering. "
            + "Please try again in a moment, or ask for a person.";

    private final ConversationStore store;
    private final MessageFanout fanout;
    private final DialogueEngine dialogue;
    private final KeyedSerialExecutor turns;
    private final TurnRetry retry;

    public ConversationService(ConversationStore store, MessageFanout fanout, DialogueEngine dialogue,
                               KeyedSerialExecutor turns) {
        this(store, fanout, dialogue, turns, TurnRetry.DEFAULT);
    }

    ConversationService(ConversationStore store, MessageFanout fanout, DialogueEngine dialogue,
                        KeyedSerialExecutor turns, TurnRetry retry) {
        this.store = store;
        this.fanout = fanout;
        this.dialogue = dialogue;
        this.turns = turns;
        this.retry = retry;
    }

    /**
     * When to take a turn again that the store cut short: after {@code first}, doubling up to {@code longest}, until
     * {@code giveUpAfter} has passed since the first failure.
     */
    record TurnRetry(Duration first, Duration longest, Duration giveUpAfter) {
        static final TurnRetry DEFAULT = new TurnRetry(Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofMinutes(10));

        Duration pause(int attempt) {
            long millis = first.toMillis() << Math.min(attempt - 1, 20);
            return Duration.ofMillis(Math.min(millis, longest.toMillis()));
        }
    }

    public Conversation start(String locale, Optional<String> customerEmail) {
        Conversation c = store.create(locale, customerEmail);
        LOG.atInfo().addKeyValue("conversation", c.id()).log("conversation started");
        return c;
    }

    public Optional<Conversation> find(String conversationId) {
        return store.find(conversationId);
    }

    /**
     * Stores a customer message and schedules the bot's turn. A retry with the same client id returns the
     * stored message without storing it again or answering it twice.
     *
     * @return the stored message; once this returns the message is durable and may be acknowledged
     * @throws UnknownConversationException when the conversation does not exist
     */
    public AppendResult receiveCustomerMessage(String conversationId, String clientId, String text) {
        return receiveCustomerMessage(conversationId, clientId, text, stored -> { });
    }

    /**
     * As {@link #receiveCustomerMessage(String, String, String)}, calling {@code onStored} once the message is durable
     * and before anyone else hears of it, so the sender's acknowledgement always precedes the message's echo and the
     * bot's answer.
     */
    public AppendResult receiveCustomerMessage(String conversationId, String clientId, String text,
                                               java.util.function.Consumer<Message> onStored) {
        AppendResult result = store.append(conversationId, NewMessage.customer(clientId, text));
        Message stored = result.message();
        onStored.accept(stored);
        if (result.duplicate()) {
            LOG.atDebug().addKeyValue("conversation", conversationId).addKeyValue("seq", stored.seq())
                    .log("duplicate customer message");
            resumeUnansweredTurn(conversationId, stored);
            return result;
        }
        LOG.atInfo().addKeyValue("conversation", conversationId).addKeyValue("seq", stored.seq())
                .addKeyValue("chars", text.length()).log("customer message stored");
        fanout.publish(new ConversationEvent.MessageAdded(conversationId, stored));
        scheduleTurn(conversationId, stored);
        return result;
    }

    /** Messages after a sequence number, oldest first, at most {@code limit}. */
    public List<Message> messagesAfter(String conversationId, long afterSeq, int limit) {
        return store.messagesAfter(conversationId, afterSeq, limit);
    }

    /** Moves the conversation to a new state and tells everyone watching. */
    public Conversation changeState(String conversationId, ConversationState state) {
        Conversation updated = store.updateState(conversationId, state);
        LOG.atInfo().addKeyValue("conversation", conversationId).addKeyValue("state", state.wireName())
                .log("conversation state changed");
        fanout.publish(new ConversationEvent.StateChanged(conversationId, state));
        return updated;
    }

    /** Hands the conversation to the agents with the reason, and tells everyone watching. */
    public Conversation escalate(String conversationId, Escalation escalation) {
        Conversation updated = store.escalate(conversationId, escalation);
        LOG.atInfo().addKeyValue("conversation", conversationId).addKeyValue("signal", escalation.signal())
                .addKeyValue("score", escalation.score()).log("conversation escalated");
        if (updated.assignedAgent().isEmpty()) {
            fanout.publish(new ConversationEvent.StateChanged(conversationId, ConversationState.WAITING_FOR_AGENT));
        }
        return updated;
    }

    /**
     * Gives back to the bot every conversation that has waited for an agent longer than {@code timeout}, telling the
     * customer that nobody is available and that the bot carries on.
     *
     * @return how many conversations were given back
     */
    public int releaseUnclaimed(java.time.Duration timeout, java.time.Instant now, String notice) {
        int released = 0;
        for (Conversation c : store.list(ConversationState.WAITING_FOR_AGENT, 500)) {
            java.time.Instant since = c.escalation().map(Escalation::at).orElse(c.updatedAt());
            if (c.assignedAgent().isEmpty() && since.plus(timeout).isBefore(now)
                    && store.releaseIfUnclaimed(c.id()).isPresent()) {
                fanout.publish(new ConversationEvent.StateChanged(c.id(), ConversationState.BOT));
                post(c.id(), NewMessage.bot(notice));
                LOG.atInfo().addKeyValue("conversation", c.id()).log("no agent claimed the conversation in time");
                released++;
            }
        }
        return released;
    }

    /** Stores a message written by someone other than the customer (bot, agent, system) and publishes it. */
    public Message post(String conversationId, NewMessage message) {
        Message stored = store.append(conversationId, message).message();
        fanout.publish(new ConversationEvent.MessageAdded(conversationId, stored));
        return stored;
    }

    /** Forwards a typing indicator to everyone watching the conversation. */
    public void typing(String conversationId, Role role) {
        fanout.publish(new ConversationEvent.Typing(conversationId, role));
    }

    /**
     * Takes the bot's turn for conversations whose newest message is an unanswered customer message, for
     * example after a crash between storing the message and answering it.
     */
    public void resumeUnansweredTurn(String conversationId, Message customerMessage) {
        if (turns.isBusy(conversationId)) {
            return;
        }
        store.find(conversationId)
                .filter(c -> c.lastSeq() == customerMessage.seq() && c.state() == ConversationState.BOT)
                .ifPresent(c -> scheduleTurn(conversationId, customerMessage));
    }

    private CompletableFuture<Void> scheduleTurn(String conversationId, Message customerMessage) {
        return turns.submit(conversationId, () -> takeTurn(conversationId, customerMessage, 0, 0L));
    }

    /**
     * Takes the turn again later, in the conversation's own queue, if the message is then still the newest one and the
     * bot still has the conversation.
     */
    private void retryLater(String conversationId, Message customerMessage, int attempt, long firstFailureNanos) {
        if (System.nanoTime() - firstFailureNanos > retry.giveUpAfter().toNanos()) {
            LOG.atError().addKeyValue("conversation", conversationId).addKeyValue("seq", customerMessage.seq())
                    .addKeyValue("attempts", attempt).log("gave up answering: the store stayed unavailable");
            return;
        }
        Duration pause = retry.pause(attempt);
        LOG.atWarn().addKeyValue("conversation", conversationId).addKeyValue("seq", customerMessage.seq())
                .addKeyValue("retry_in_ms", pause.toMillis()).log("bot turn cut short by the store; will retry");
        CompletableFuture.delayedExecutor(pause.toMillis(), TimeUnit.MILLISECONDS,
                        task -> turns.submit(conversationId, task))
                .execute(() -> {
                    try {
                        boolean stillUnanswered = store.find(conversationId)
                                .filter(c -> c.lastSeq() == customerMessage.seq() && c.state() == ConversationState.BOT)
                                .isPresent();
                        if (stillUnanswered) {
                            takeTurn(conversationId, customerMessage, attempt, firstFailureNanos);
                        }
                    } catch (StoreUnavailableException e) {
                        retryLater(conversationId, customerMessage, attempt + 1, firstFailureNanos);
                    } catch (RuntimeException e) {
                        LOG.atError().addKeyValue("conversation", conversationId).setCause(e).log("bot turn retry failed");
                    }
                });
    }

    private void takeTurn(String conversationId, Message customerMessage, int attempt, long firstFailureNanos) {
        try {
            // one read for everything the turn starts from, one write for everything it produced
            ConversationStore.TurnContext context = store.turnContext(conversationId, customerMessage.seq(),
                    HISTORY_WINDOW);
            Conversation stored = context.conversation();
            // the customer writes again after the conversation was resolved: the bot takes it up again
            Conversation conversation = stored.state() == ConversationState.RESOLVED
                    ? changeState(conversationId, ConversationState.BOT) : stored;
            if (conversation.state() != ConversationState.BOT) {
                return; // a person has the conversation, or it is waiting for one
            }
            fanout.publish(new ConversationEvent.Typing(conversationId, Role.BOT));
            String replyTo = customerMessage.clientId().orElse("");
            String memory = context.dialogueState().orElse("");
            BotTurn turn = dialogue.respond(new TurnInput(conversation, customerMessage, context.history(),
                    delta -> fanout.publish(new ConversationEvent.PartialReply(conversationId, replyTo, delta)), memory));
            for (Message reply : store.completeTurn(conversationId, customerMessage.seq(), turn.dialogueState(),
                    turn.trace(), turn.replies())) {
                fanout.publish(new ConversationEvent.MessageAdded(conversationId, reply));
            }
            if (turn.escalation().isPresent()) {
                escalate(conversationId, turn.escalation().get());
            } else {
                turn.nextState().filter(s -> s != conversation.state()).ifPresent(s -> changeState(conversationId, s));
            }
        } catch (RuntimeException e) {
            if (e instanceof StoreUnavailableException) {
                LOG.atWarn().addKeyValue("conversation", conversationId).addKeyValue("error", e.getMessage())
                        .log("bot turn failed: store unavailable");
            } else {
                LOG.atError().addKeyValue("conversation", conversationId).setCause(e).log("bot turn failed");
            }
            try {
                post(conversationId, NewMessage.system(APOLOGY));
            } catch (StoreUnavailableException again) {
                // nothing can be stored now: answer the message properly once the store is back
                retryLater(conversationId, customerMessage, attempt + 1, attempt == 0 ? System.nanoTime() : firstFailureNanos);
            } catch (RuntimeException again) {
                LOG.atError().addKeyValue("conversation", conversationId).setCause(again)
                        .log("could not store the apology either");
            }
        }
    }

}
