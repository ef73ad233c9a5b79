package dev.chatbot.connectors.llm;

/**
 * What {@link PromptInjectionDetector} found in a text.
 *
 * @param flagged whether the text tries to subvert the assistant
 * @param reason  which rule fired and in which form of the text (for the trace; never shown to customers)
 */
public record InjectionVerdict(boolean flagged, String reason) {

    static final InjectionVerdict CLEAN = new InjectionVerdict(false, "");

    static InjectionVerdict flagged(String rule, String form) {
        return new InjectionVerdict(true, rule + (form.isEmpty() ? "" : " (" + form + ")"));
    }
}
