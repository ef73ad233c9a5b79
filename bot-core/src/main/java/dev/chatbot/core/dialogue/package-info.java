/**
 * The dialogue engine: given a conversation and the customer's newest message, decide the bot's turn (the
 * replies, a state change, and the trace of why). Policies that compete for the decision live here.
 */
package dev.chatbot.core.dialogue;
