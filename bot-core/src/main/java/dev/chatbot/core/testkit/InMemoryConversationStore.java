package dev.chatbot.core.testkit;

import dev.chatbot.core.conversation.AppendResult;
import dev.chatbot.core.conversation.Conversation;
import dev.chatbot.core.conversation.ConversationState;
import dev.chatbot.core.conversation.Escalation;
import dev.chatbot.core.conversation.Message;
import dev.chatbot.core.conversation.NewMessage;

import dev.chatbot.core.port.ConversationStore;
import dev.chatbot.core.port.UnknownConversationException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The storage port in memory, for the conversation test kit and unit tests of the dialogue layer. Not for production:
 * nothing survives the process. (The JDBC store has its own contract tests.)
 */
public final class InMemoryConversationStore implements ConversationStore {

    private final Map<String, Conversation> conversations = new LinkedHashMap<>();
    private final Map<String, List<Message>> messages = new LinkedHashMap<>();

    @Override
    public synchronized Conversation create(String locale, Optional<String> customerEmail) {
        Instant now = Instant.now();
        Conversation c = new Conversation(UUID.randomUUID().toString(), ConversationState.BOT, locale, customerEmail, 0, now, now);
        conversations.put(c.id(), c);
        messages.put(c.id(), new ArrayList<>());
        return c;
    }

    @Override
    public synchronized Optional<Conversation> find(String conversationId) {
        return Optional.ofNullable(conversations.get(conversationId));
    }

    @Override
    public synchronized AppendResult append(String conversationId, NewMessage m) {
        Conversation c = find(conversationId).orElseThrow(() -> new UnknownConversationException(conversationId));
        List<Message> list = messages.get(conversationId);
        if (m.clientId().isPresent()) {
            for (Message existing : list) {
                if (existing.clientId().equals(m.clientId())) {
                    return new AppendResult(existing, true);
                }
            }
        }
        Message stored = new Message(conversationId, c.lastSeq() + 1, m.role(), m.text(), Instant.now(), m.clientId(),
                m.author(), m.quickReplies(), m.sources());
        list.add(stored);
        conversations.put(conversationId, new Conversation(c.id(), c.state(), c.locale(), c.customerEmail(), stored.seq(),
                c.createdAt(), Instant.now(), c.escalation(), c.assignedAgent()));
        return new AppendResult(stored, false);
    }

    @Override
    public synchronized List<Message> messagesAfter(String conversationId, long afterSeq, int limit) {
        return messages.getOrDefault(conversationId, List.of()).stream().filter(m -> m.seq() > afterSeq).limit(limit).toList();
    }

    @Override
    public synchronized Conversation updateState(String conversationId, ConversationState state) {
        Conversation c = find(conversationId).orElseThrow(() -> new UnknownConversationException(conversationId));
        Conversation updated = with(c, state, c.escalation(), c.assignedAgent());
        conversations.put(conversationId, updated);
        return updated;
    }

    private final Map<String, String> dialogueStates = new LinkedHashMap<>();
    private final Map<String, Map<Long, String>> traces = new LinkedHashMap<>();

    private Conversation with(Conversation c, ConversationState state, Optional<Escalation> escalation, Optional<String> agent) {
        return new Conversation(c.id(), state, c.locale(), c.customerEmail(), c.lastSeq(), c.createdAt(), Instant.now(),
                escalation, agent);
    }

    @Override
    public synchronized Conversation escalate(String conversationId, Escalation escalation) {
        Conversation c = find(conversationId).orElseThrow(() -> new UnknownConversationException(conversationId));
        ConversationState state = c.assignedAgent().isPresent() ? c.state() : ConversationState.WAITING_FOR_AGENT;
        Conversation updated = with(c, state, Optional.of(escalation), c.assignedAgent());
        conversations.put(conversationId, updated);
        return updated;
    }

    @Override
    public synchronized Optional<Conversation> claim(String conversationId, String agent) {
        Conversation c = find(conversationId).orElseThrow(() -> new UnknownConversationException(conversationId));
        if (c.assignedAgent().isPresent() || !(c.state() == ConversationState.WAITING_FOR_AGENT || c.state() == ConversationState.BOT)) {
            return Optional.empty();
        }
        Conversation updated = with(c, ConversationState.AGENT, c.escalation(), Optional.of(agent));
        conversations.put(conversationId, updated);
        return Optional.of(updated);
    }

    @Override
    public synchronized Conversation release(String conversationId, ConversationState state) {
        Conversation c = find(conversationId).orElseThrow(() -> new UnknownConversationException(conversationId));
        Conversation updated = with(c, state, c.escalation(), Optional.empty());
        conversations.put(conversationId, updated);
        return updated;
    }

    @Override
    public synchronized Optional<Conversation> releaseIfUnclaimed(String conversationId) {
        Conversation c = find(conversationId).orElseThrow(() -> new UnknownConversationException(conversationId));
        if (c.state() != ConversationState.WAITING_FOR_AGENT || c.assignedAgent().isPresent()) {
            return Optional.empty();
        }
        Conversation updated = with(c, ConversationState.BOT, c.escalation(), Optional.empty());
        conversations.put(conversationId, updated);
        return Optional.of(updated);
    }

    @Override
    public synchronized List<Conversation> list(ConversationState state, int limit) {
        return conversations.values().stream().filter(c -> c.state() == state).limit(limit).toList();
    }

    @Override
    public synchronized Optional<String> dialogueState(String conversationId) {
        return Optional.ofNullable(dialogueStates.get(conversationId));
    }

    @Override
    public synchronized void saveDialogueState(String conversationId, String json) {
        dialogueStates.put(conversationId, json);
    }

    @Override
    public synchronized void saveTrace(String conversationId, long customerSeq, String json) {
        traces.computeIfAbsent(conversationId, k -> new java.util.TreeMap<>()).put(customerSeq, json);
    }

    @Override
    public synchronized Map<Long, String> traces(String conversationId) {
        return Map.copyOf(traces.getOrDefault(conversationId, Map.of()));
    }

    @Override
    public boolean isAvailable() {
        return true;
    }
}
