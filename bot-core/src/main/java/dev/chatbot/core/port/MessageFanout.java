package dev.chatbot.core.port;

import dev.chatbot.core.conversation.ConversationEvent;

import java.util.function.Consumer;

/**
 * Delivers conversation events to every subscriber that watches the conversation, on this node and, for
 * distributed implementations, on every other node. Events are published after they are stored, so a
 * subscriber that missed one can always read it back from the {@link ConversationStore}.
 *
 * <p>Listeners are called on the fan-out's own threads and must not block: hand the event to the
 * subscriber's own queue.
 */
public interface MessageFanout extends AutoCloseable {

    /** Delivers an event to the conversation's subscribers and to every all-conversations subscriber. */
    void publish(ConversationEvent event);

    /** Receives the events of one conversation until the subscription is closed. */
    Subscription subscribe(String conversationId, Consumer<ConversationEvent> listener);

    /** Receives the events of every conversation (agent consoles) until the subscription is closed. */
    Subscription subscribeAll(Consumer<ConversationEvent> listener);

    /** Releases connections and threads; the in-process fan-out has none. */
    @Override
    default void close() {
    }

    /** An open subscription; closing it twice is harmless. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
