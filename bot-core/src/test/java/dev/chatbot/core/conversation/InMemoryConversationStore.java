package dev.chatbot.core.conversation;

import dev.chatbot.core.port.ConversationStore;
import dev.chatbot.core.port.UnknownConversationException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A fake of the storage port for unit tests of the dialogue layer (the JDBC store has its own contract tests). */
final class InMemoryConversationStore implements ConversationStore {

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
                c.createdAt(), Instant.now()));
        return new AppendResult(stored, false);
    }

    @Override
    public synchronized List<Message> messagesAfter(String conversationId, long afterSeq, int limit) {
        return messages.getOrDefault(conversationId, List.of()).stream().filter(m -> m.seq() > afterSeq).limit(limit).toList();
    }

    @Override
    public synchronized Conversation updateState(String conversationId, ConversationState state) {
        Conversation c = find(conversationId).orElseThrow(() -> new UnknownConversationException(conversationId));
        Conversation updated = new Conversation(c.id(), state, c.locale(), c.customerEmail(), c.lastSeq(), c.createdAt(), Instant.now());
        conversations.put(conversationId, updated);
        return updated;
    }

    @Override
    public boolean isAvailable() {
        return true;
    }
}
