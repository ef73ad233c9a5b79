package dev.chatbot.core.agent;

import dev.chatbot.core.conversation.Conversation;
import dev.chatbot.core.conversation.Message;

import java.util.List;
import java.util.Map;

/**
 * Everything an agent sees of one conversation.
 *
 * @param conversation the conversation with its state, escalation and assigned agent
 * @param messages     every message, oldest first
 * @param traces       the JSON trace of each bot turn, by the sequence number of the customer message it answered
 * @param notes        private notes, oldest first
 * @param card         the customer's CRM card
 */
public record ConversationView(Conversation conversation, List<Message> messages, Map<Long, String> traces,
                               List<AgentNote> notes, CustomerCard card) {
}
