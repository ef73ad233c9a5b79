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
        if (handler == null) {
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
