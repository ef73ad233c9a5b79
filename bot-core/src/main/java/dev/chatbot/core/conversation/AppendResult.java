package dev.chatbot.core.conversation;

/**
 * The outcome of storing a message.
 *
 * @param message   the stored message (the earlier one when this was a retry)
 * @param duplicate true when a message with the same client id was already stored
 */
public record AppendResult(Message message, boolean duplicate) {
}
