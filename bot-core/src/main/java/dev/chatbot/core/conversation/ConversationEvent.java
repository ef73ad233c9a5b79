package dev.chatbot.core.conversation;

/**
 * Something that happened in a conversation and is delivered to everyone watching it (the customer's
 * open tabs, agents). Events travel through a {@link dev.chatbot.core.port.MessageFanout}, possibly to
 * other nodes, so they carry everything a receiver needs.
 */
public sealed interface ConversationEvent {

    String conversationId();

    /** A message was stored. */
    record MessageAdded(String conversationId, Message message) implements ConversationEvent {
    }

    /** The conversation changed state. */
    record StateChanged(String conversationId, ConversationState state) implements ConversationEvent {
    }

    /** A piece of a streamed bot answer to the customer message with {@code replyTo} as client id. */
    record PartialReply(String conversationId, String replyTo, String delta) implements ConversationEvent {
    }

    /** Someone is typing. */
    record Typing(String conversationId, Role role) implements ConversationEvent {
    }
}
