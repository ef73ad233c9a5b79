/**
 * The policies that compete for each bot turn, from the highest priority down: escalation to a person, an answer to
 * a pending offer, continuing an open form, starting a rule handler, a fixed reply or an FAQ answer (whichever is more
 * confident), the LLM fallback, and the default "I can't answer that". Each proposal says why it applies; the engine
 * records them all and runs the winner.
 */
package dev.chatbot.core.policy;
