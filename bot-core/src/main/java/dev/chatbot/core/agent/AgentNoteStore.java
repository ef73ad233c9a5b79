package dev.chatbot.core.agent;

import java.util.List;

/** Durable storage of private notes. Blocking; call it off I/O event loops. */
public interface AgentNoteStore {

    /**
     * Stores a note.
     *
     * @throws dev.chatbot.core.port.UnknownConversationException when the conversation does not exist
     */
    AgentNote add(String conversationId, Agent author, String text);

    /** The notes of a conversation, oldest first. */
    List<AgentNote> list(String conversationId);
}
