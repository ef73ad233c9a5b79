/**
 * The LLM fallback port: a {@link dev.chatbot.core.llm.FallbackGenerator} answers questions no intent or FAQ entry
 * covers, grounded on FAQ passages, streaming its tokens. {@link dev.chatbot.core.llm.DisabledFallbackGenerator} is
 * the null object used when no LLM is configured.
 */
package dev.chatbot.core.llm;
