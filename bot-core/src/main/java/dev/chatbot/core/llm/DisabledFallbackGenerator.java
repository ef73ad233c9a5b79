package dev.chatbot.core.llm;

import dev.chatbot.core.dialogue.PartialSink;

/** The null object used when no LLM is configured: it answers at once that it cannot answer. */
public final class DisabledFallbackGenerator implements FallbackGenerator {

    @Override
    public FallbackAnswer generate(FallbackRequest request, PartialSink partials) {
        return FallbackAnswer.of(FallbackAnswer.Outcome.UNAVAILABLE, "LLM fallback disabled");
    }

    @Override
    public boolean isEnabled() {
        return false;
    }
}
