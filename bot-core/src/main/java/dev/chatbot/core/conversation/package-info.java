/**
 * Conversations, their messages and their states ({@code bot -> waiting_for_agent -> agent -> resolved}),
 * the events a conversation emits to everyone watching it, and {@link dev.chatbot.core.conversation.ConversationService},
 * which stores a customer message before acknowledging it and produces the bot's reply off the I/O threads.
 */
package dev.chatbot.core.conversation;
