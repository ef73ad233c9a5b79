package dev.chatbot.core.fanout;

import dev.chatbot.core.conversation.ConversationEvent;
import dev.chatbot.core.port.MessageFanout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * Fan-out within one JVM: a map from conversation id to its listeners. A listener that throws is logged and
 * does not stop delivery to the others.
 */
public final class InProcessMessageFanout implements MessageFanout {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessMessageFanout.class);

    private final Map<String, Set<Consumer<ConversationEvent>>> byConversation = new ConcurrentHashMap<>();
    private final Set<Consumer<ConversationEvent>> everything = new CopyOnWriteArraySet<>();

    @Override
    public void publish(ConversationEvent event) {
        Set<Consumer<ConversationEvent>> listeners = byConversation.get(event.conversationId());
        if (listeners != null) {
            listeners.forEach(l -> deliver(l, event));
        }
        everything.forEach(l -> deliver(l, event));
    }

    private static void deliver(Consumer<ConversationEvent> listener, ConversationEvent event) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            LOG.warn("fan-out listener failed", e);
        }
    }

    @Override
    public Subscription subscribe(String conversationId, Consumer<ConversationEvent> listener) {
        byConversation.computeIfAbsent(conversationId, id -> ConcurrentHashMap.newKeySet()).add(listener);
        return () -> byConversation.computeIfPresent(conversationId, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public Subscription subscribeAll(Consumer<ConversationEvent> listener) {
        everything.add(listener);
        return () -> everything.remove(listener);
    }

    /** Number of conversations with at least one subscriber (for metrics and tests). */
    public int watchedConversations() {
        return byConversation.size();
    }
}
