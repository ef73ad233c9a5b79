package dev.chatbot.core.policy;

import dev.chatbot.core.conversation.MessageSource;
import dev.chatbot.core.conversation.NewMessage;
import dev.chatbot.core.conversation.Role;
import dev.chatbot.core.dialogue.DialoguePolicy;
import dev.chatbot.core.dialogue.Proposal;
import dev.chatbot.core.dialogue.TurnContext;
import dev.chatbot.core.dialogue.TurnOutcome;
import dev.chatbot.nlp.FaqHit;

import java.util.List;
import java.util.Optional;

/** Answers from the FAQ entry the retriever ranks first when its score reaches the threshold; names the source. */
public final class FaqPolicy implements DialoguePolicy {

    static final int PRIORITY = 50;

    @Override
    public String name() {
        return "faq";
    }

    @Override
    public Optional<Proposal> propose(TurnContext turn) {
        List<FaqHit> hits = turn.nlu().faqHits();
        if (hits.isEmpty() || hits.get(0).score() < turn.config().faqThreshold()) {
            return Optional.empty();
        }
        FaqHit best = hits.get(0);
        return Optional.of(new Proposal(name(), PRIORITY, best.score(),
                "FAQ " + best.id() + " scored " + EscalationPolicy.fmt(best.score()) + " (threshold "
                        + EscalationPolicy.fmt(turn.config().faqThreshold()) + ")",
                () -> TurnOutcome.reply(new NewMessage(Role.BOT, best.answer(), Optional.empty(), Optional.empty(),
                        List.of(), List.of(new MessageSource(best.id(), best.question())))).with("faq", best.id())));
    }
}
