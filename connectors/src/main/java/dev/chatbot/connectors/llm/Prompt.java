package dev.chatbot.connectors.llm;

import java.util.List;

/**
 * Everything one generation sends to the model, and what the guard needs to check the answer against.
 *
 * @param system    the system message: rules, then the FAQ passages as a delimited data block
 * @param turns     earlier turns (sanitised) and, last, the customer's question
 * @param rules     the rules part of the system message, which must never come back
 * @param grounding the passages as the model saw them; the only source of facts an answer may state
 * @param canary    a random marker planted in the rules to detect leaks
 * @param sources   ids of the passages included
 */
public record Prompt(String system, List<Turn> turns, String rules, String grounding, String canary,
                     List<String> sources) {

    public Prompt {
        turns = List.copyOf(turns);
        sources = List.copyOf(sources);
    }

    /** One message after the system message. */
    public record Turn(Role role, String text) {
    }

    public enum Role { CUSTOMER, ASSISTANT }

    /** Characters sent to the model in all messages together. */
    public int chars() {
        return system.length() + turns.stream().mapToInt(t -> t.text().length()).sum();
    }
}
