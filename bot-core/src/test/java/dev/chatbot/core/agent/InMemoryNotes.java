package dev.chatbot.core.agent;

import dev.chatbot.core.port.ConversationStore;
import dev.chatbot.core.port.UnknownConversationException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test double of the note store, in memory (the JDBC store is tested in connectors). */
final class InMemoryNotes implements AgentNoteStore {

    private final ConversationStore conversations;
    private final List<AgentNote> notes = new ArrayList<>();

    InMemoryNotes(ConversationStore conversations) {
        this.conversations = conversations;
    }

    @Override
    public synchronized AgentNote add(String conversationId, Agent author, String text) {
        conversations.find(conversationId).orElseThrow(() -> new UnknownConversationException(conversationId));
        AgentNote n = new AgentNote(notes.size() + 1, conversationId, author.username(), author.displayName(), text,
                Instant.now());
        notes.add(n);
        return n;
    }

    @Override
    public synchronized List<AgentNote> list(String conversationId) {
        return notes.stream().filter(n -> n.conversationId().equals(conversationId)).toList();
    }
}
