package dev.chatbot.core.llm;

import java.util.List;

/**
 * What the fallback generator may use: the customer's question, the last turns of the conversation, and FAQ passages
 * to ground the answer on. Nothing else (no order data, no customer data) reaches the model.
 *
 * @param question the customer's message
 * @param history  the last turns, oldest first, as "role: text"
 * @param passages FAQ passages (question and answer), best first
 */
public record FallbackRequest(String question, List<Turn> history, List<Passage> passages) {

    public FallbackRequest {
        history = List.copyOf(history);
        passages = List.copyOf(passages);
    }

    /** One earlier turn. {@code role} is {@code customer} or {@code assistant}. */
    public record Turn(String role, String text) {
    }

    /** One FAQ entry given as grounding. */
    public record Passage(String id, String question, String answer) {
    }
}
