package dev.chatbot.connectors.llm;

/**
 * What {@link AnswerGuard} decided about a piece of a model's answer.
 *
 * @param problem what is wrong, or {@link Problem#NONE}
 * @param detail  the offending part, for the trace (never shown to customers)
 */
public record GuardVerdict(Problem problem, String detail) {

    public enum Problem {
        NONE,
        /** The model said it does not know, or that the passages do not answer it. */
        NOT_SURE,
        /** The answer shows the system prompt (its canary or long verbatim parts) or talks about its instructions. */
        PROMPT_LEAK,
        /** A promise of a refund, discount, voucher, compensation or free item that the passages do not make. */
        PROMISE,
        /** An order id, tracking number, price, date, duration or link that is not in the passages. */
        UNGROUNDED_DATA
    }

    static final GuardVerdict OK = new GuardVerdict(Problem.NONE, "");

    public boolean allowed() {
        return problem == Problem.NONE;
    }
}
