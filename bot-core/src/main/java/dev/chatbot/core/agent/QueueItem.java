package dev.chatbot.core.agent;

import dev.chatbot.core.conversation.Conversation;
import dev.chatbot.core.conversation.Message;

import java.time.Duration;
import java.util.Optional;

/**
 * One line of the agents' queue.
 *
 * @param conversation the conversation, with its escalation and assigned agent
 * @param lastMessage  its newest message, if any
 * @param sentiment    the sentiment of the newest customer message the bot analysed, if any
 * @param waiting      how long it has waited for a person (since the escalation), zero when it is not waiting
 */
public record QueueItem(Conversation conversation, Optional<Message> lastMessage, Optional<Sentiment> sentiment,
                        Duration waiting) {
}
