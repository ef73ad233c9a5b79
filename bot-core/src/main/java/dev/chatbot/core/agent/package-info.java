/**
 * The agent's desk: what a support agent does with a conversation the bot handed over (claim it, reply as themselves,
 * write private notes, hand it back to the bot, resolve it) and what they see first (the queue with why each chat was
 * escalated, the transcript with the trace of every bot turn, the customer's card from the CRM). Built on the
 * conversation ports; the agent's identity comes from whoever authenticated the call, never from this package.
 */
package dev.chatbot.core.agent;
