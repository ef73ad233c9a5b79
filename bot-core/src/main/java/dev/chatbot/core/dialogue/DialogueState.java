package dev.chatbot.core.dialogue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the engine remembers between turns of one conversation: the open form (slot filling) and one suspended form,
 * orders the customer has proved are theirs, the fallback counter, recent sentiment and a pending offer. Stored as
 * JSON with the conversation so that any node can take the next turn and a restart forgets nothing. Unknown fields are
 * ignored so older states keep loading after an upgrade.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public final class DialogueState {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SENTIMENT_HISTORY = 8;

    /** The form being filled, if any. */
    public FormState form;
    /** A form left for another topic, to come back to. */
    public FormState suspended;
    /** Order ids verified in this conversation, with the e-mail that proved them. */
    public Map<String, String> verifiedOrders = new LinkedHashMap<>();
    /** Failed verifications in this conversation (all forms together: guessing is not reset by switching topic). */
    public int failedVerifications;
    /** Fallback answers in a row. */
    public int consecutiveFallbacks;
    /** Negativity of the last customer messages, oldest first. */
    public List<Double> negativity = new ArrayList<>();
    /** What the bot last offered and waits a yes or no for: {@code human}, or empty. */
    public String pendingOffer;

    /** A form in progress: which handler, what it collected, what it waits for. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public static final class FormState {
        public String handler;
        public Map<String, String> slots = new LinkedHashMap<>();
        /** What the form asked for last: {@code order_id}, {@code email}, {@code confirmation}, {@code address}. */
        public String awaiting;
        /** Invalid answers to the current question. */
        public int invalidAnswers;

        public FormState() {
        }

        public FormState(String handler) {
            this.handler = handler;
        }
    }

    public void recordNegativity(double value) {
        negativity.add(Math.round(value * 1000) / 1000.0);
        while (negativity.size() > SENTIMENT_HISTORY) {
            negativity.remove(0);
        }
    }

    public static DialogueState read(String json) {
        if (json == null || json.isBlank()) {
            return new DialogueState();
        }
        try {
            return JSON.readValue(json, DialogueState.class);
        } catch (Exception e) {
            // a state we cannot read is forgotten rather than blocking the conversation
            return new DialogueState();
        }
    }

    public String write() {
        try {
            return JSON.writeValueAsString(this);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write dialogue state", e);
        }
    }
}
