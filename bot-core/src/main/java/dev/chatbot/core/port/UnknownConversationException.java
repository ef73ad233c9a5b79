package dev.chatbot.core.port;

/** A conversation id that the store does not know. */
public class UnknownConversationException extends RuntimeException {

    public UnknownConversationException(String conversationId) {
        super("unknown conversation " + conversationId);
    }
}
