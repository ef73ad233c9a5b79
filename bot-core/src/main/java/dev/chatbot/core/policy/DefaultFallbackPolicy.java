package dev.chatbot.core.policy;

import dev.chatbot.core.dialogue.BotTexts;
import dev.chatbot.core.dialogue.DialoguePolicy;
import dev.chatbot.core.dialogue.Proposal;
import dev.chatbot.core.dialogue.TurnContext;
import dev.chatbot.core.dialogue.TurnOutcome;

import java.util.Optional;

/** The last resort: say the bot cannot answer and offer a person. Always proposes, at the lowest priority. */
public final class DefaultFallbackPolicy implements DialoguePolicy {

    @Override
    public String name() {
        return "default_fallback";
    }

    @Override
    public Optional<Proposal> propose(TurnContext turn) {
        String why = turn.nlu().intent().outOfScope()
                ? "out of scope (" + turn.intent() + " " + EscalationPolicy.fmt(turn.intentConfidence()) + ")"
                : "nothing else applies";
        return Optional.of(new Proposal(name(), 0, 0.0, why, () -> {
            turn.state().pendingOffer = "human";
            return TurnOutcome.fallback(BotTexts.offerHuman(BotTexts.CANT_ANSWER));
        }));
    }
}
