package dev.chatbot.core.policy;

import dev.chatbot.core.dialogue.DialoguePolicy;
import dev.chatbot.core.dialogue.DialogueState;
import dev.chatbot.core.dialogue.Proposal;
import dev.chatbot.core.dialogue.TurnContext;
import dev.chatbot.core.handler.IntentHandler;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Continues the open form (slot filling): the message is taken as an answer unless it is confidently about something
 * else, in which case the form waits (suspended) and another policy answers the new topic. A suspended form comes
 * back when a later message carries an order number or an e-mail address.
 */
public final class FormPolicy implements DialoguePolicy {

    static final int PRIORITY = 80;
    private static final Set<String> ANSWER_INTENTS = Set.of("affirm", "deny");

    private final Map<String, IntentHandler> handlers;

    public FormPolicy(Map<String, IntentHandler> handlers) {
        this.handlers = Map.copyOf(handlers);
    }

    @Override
    public String name() {
        return "form";
    }

    @Override
    public Optional<Proposal> propose(TurnContext turn) {
        DialogueState state = turn.state();
        boolean carriesSlot = turn.entity("order_id").isPresent() || turn.entity("email").isPresent();
        if (state.form == null) {
            if (state.suspended != null && carriesSlot && !otherTopic(turn, state.suspended)) {
                IntentHandler handler = handlers.get(state.suspended.handler);
                if (handler != null) {
                    return Optional.of(new Proposal(name(), PRIORITY, 1.0,
                            "message carries order details: resuming " + state.suspended.handler, () -> {
                                state.form = state.suspended;
                                state.suspended = null;
                                return handler.step(state.form, turn).with("resumed", true);
                            }));
                }
            }
            return Optional.empty();
        }
        IntentHandler handler = handlers.get(state.form.handler);
        if (handler == null) {
            state.form = null; // a handler that no longer exists in this version
            return Optional.empty();
        }
        if (otherTopic(turn, state.form) && (!carriesSlot || anotherHandler(turn, state.form))) {
            return Optional.empty(); // the form stays open; the next message can continue it
        }
        if (!carriesSlot && !"address".equals(state.form.awaiting) && confidentFaq(turn)) {
            return Optional.empty(); // a question in the middle of the form: let the FAQ answer it
        }
        return Optional.of(new Proposal(name(), PRIORITY, 1.0,
                "continuing " + state.form.handler + (state.form.awaiting == null ? "" : " (awaiting " + state.form.awaiting + ")"),
                () -> handler.step(state.form, turn)));
    }

    /** A confident intent that starts a different handler ("I want a refund for D4E5F6" during an order status). */
    private static boolean anotherHandler(TurnContext turn, DialogueState.FormState form) {
        return turn.confidentIntent().flatMap(i -> i.handler()).filter(h -> !h.equals(form.handler)).isPresent();
    }

    private static boolean confidentFaq(TurnContext turn) {
        return !turn.nlu().faqHits().isEmpty() && turn.nlu().faqHits().get(0).score() >= turn.config().faqThreshold();
    }

    /** Confidently another intent than the form's, and not a yes/no. */
    private static boolean otherTopic(TurnContext turn, DialogueState.FormState form) {
        return !turn.nlu().intent().outOfScope()
                && turn.intentConfidence() >= turn.config().topicChangeThreshold()
                && !turn.intent().equals(form.handler)
                && !ANSWER_INTENTS.contains(turn.intent());
    }
}
