package dev.chatbot.core.llm;

import dev.chatbot.core.dialogue.PartialSink;

/**
 * Answers a question no intent or FAQ entry covers, with a local LLM, grounded on FAQ passages. Implementations
 * bound their concurrency and queue, apply a time limit, stream tokens to {@code partials} as they come, and apply
 * guardrails (the system prompt is never revealed; no promises of refunds, discounts or anything the rules did not
 * decide; no order data). They never throw: failures are {@link FallbackAnswer.Outcome#UNAVAILABLE}.
 */
public interface FallbackGenerator {

    FallbackAnswer generate(FallbackRequest request, PartialSink partials);

    /** Whether an LLM is configured at all (the dialogue engine words its offers differently when not). */
    boolean isEnabled();
}
