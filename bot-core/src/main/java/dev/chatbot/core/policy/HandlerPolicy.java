package dev.chatbot.core.policy;

import dev.chatbot.core.dialogue.DialoguePolicy;
import dev.chatbot.core.dialogue.DialogueState;
import dev.chatbot.core.dialogue.Proposal;
import dev.chatbot.core.dialogue.TurnContext;
import dev.chatbot.core.handler.IntentHandler;
import dev.chatbot.nlp.data.IntentDefinition;

import java.util.Map;
import java.util.Optional;

/** Starts the rule handler named by a confident intent; an open form for another handler is suspended. */
public final class HandlerPolicy implements DialoguePolicy {

    static final int PRIORITY = 70;

    private final Map<String, IntentHandler> handlers;

    public HandlerPolicy(Map<String, IntentHandler> handlers) {
        this.handlers = Map.copyOf(handlers);
    }

    /** Least FAQ score at which a question about an action is answered from the FAQ instead of starting it. */
    static final double FAQ_OVER_HANDLER = 0.9;

    /**
     * "How many days do I have to send something back?" is about returns, but it asks for the policy, not for a
     * return: when an FAQ entry matches at least as well as the intent and no order number was given, the FAQ
     * answers. "I want to return order K7P2Q9" still starts the handler.
     */
    private static boolean answeredByFaq(TurnContext turn) {
        if (turn.entity("order_id").isPresent() || turn.nlu().faqHits().isEmpty()) {
            return false;
        }
        double faq = turn.nlu().faqHits().get(0).score();
        return faq >= FAQ_OVER_HANDLER && faq >= turn.intentConfidence();
    }

    @Override
    public String name() {
        return "handler";
    }

    @Override
    public Optional<Proposal> propose(TurnContext turn) {
        Optional<IntentDefinition> intent = turn.confidentIntent();
        if (intent.isEmpty() || intent.get().handler().isEmpty()) {
            return Optional.empty();
        }
        IntentHandler handler = handlers.get(intent.get().handler().get());
        if (handler == null || answeredByFaq(turn)) {
            return Optional.empty();
        }
        return Optional.of(new Proposal(name(), PRIORITY, turn.intentConfidence(),
                "intent " + turn.intent() + " " + EscalationPolicy.fmt(turn.intentConfidence()) + " has handler " + handler.name(),
                () -> {
                    DialogueState state = turn.state();
                    if (state.form != null && !state.form.handler.equals(handler.name())) {
                        state.suspended = state.form;
                    }
                    if (state.form == null || !state.form.handler.equals(handler.name())) {
                        state.form = new DialogueState.FormState(handler.name());
                    }
                    return handler.step(state.form, turn);
                }));
    }
}
