package dev.chatbot.core.llm;

import java.util.List;

/**
 * The outcome of asking the LLM.
 *
 * @param outcome what happened
 * @param text    the answer to show (empty unless {@code ANSWERED})
 * @param sources ids of the FAQ passages the answer was grounded on
 * @param detail  a short note for the trace (why it was refused or failed); never shown to customers
 */
public record FallbackAnswer(Outcome outcome, String text, List<String> sources, String detail) {

    public FallbackAnswer {
        sources = List.copyOf(sources);
    }

    public enum Outcome {
        /** A usable answer. */
        ANSWERED,
        /** The model said it does not know, or the guardrails removed its answer: offer a person. */
        UNSURE,
        /** The question was an attempt to subvert the assistant; refuse and offer a person. */
        REFUSED,
        /** Too many generations are running or queued; the customer is asked to wait or offered a person. */
        BUSY,
        /** No LLM, or it failed or timed out. */
        UNAVAILABLE
    }

    public static FallbackAnswer of(Outcome outcome, String detail) {
        return new FallbackAnswer(outcome, "", List.of(), detail);
    }
}
