/**
 * The local-LLM fallback and its guardrails: {@link dev.chatbot.connectors.llm.OllamaFallbackGenerator} (and the
 * OpenAI-compatible {@link dev.chatbot.connectors.llm.OpenAiFallbackGenerator}) implement the
 * {@link dev.chatbot.core.llm.FallbackGenerator} port on langchain4j streaming chat models, with bounded concurrency
 * and queue, first-token and total time limits, and a circuit breaker that answers at once while the server is down;
 * {@link dev.chatbot.connectors.llm.PromptInjectionDetector} refuses attempts to subvert the assistant,
 * {@link dev.chatbot.connectors.llm.PassageSanitizer} neutralises instructions planted in FAQ or CRM text, and
 * {@link dev.chatbot.connectors.llm.AnswerGuard} checks every sentence before the customer sees it.
 */
package dev.chatbot.connectors.llm;
