package dev.chatbot.core.policy;

import dev.chatbot.core.conversation.NewMessage;
import dev.chatbot.core.dialogue.DialoguePolicy;
import dev.chatbot.core.dialogue.Proposal;
import dev.chatbot.core.dialogue.TurnContext;
import dev.chatbot.core.dialogue.TurnOutcome;
import dev.chatbot.nlp.data.IntentDefinition;

import java.util.List;
import java.util.Optional;

/** Sends one of the fixed replies of a confident intent (greetings, thanks, ...), varying between them. */
public final class FixedReplyPolicy implements DialoguePolicy {

    /** Same priority as the FAQ: the more confident of the two wins. */
    static final int PRIORITY = 50;

    @Override
    public String name() {
        return "fixed_reply";
    }

    @Override
    public Optional<Proposal> propose(TurnContext turn) {
        Optional<IntentDefinition> intent = turn.confidentIntent();
        if (intent.isEmpty() || intent.get().replies().isEmpty() || intent.get().handler().isPresent()) {
            return Optional.empty();
        }
        if (!turn.nlu().faqHits().isEmpty() && turn.nlu().faqHits().get(0).score() >= HandlerPolicy.FAQ_OVER_HANDLER) {
            return Optional.empty(); // an FAQ entry that matches this well is more specific than a canned reply
        }
        List<String> replies = intent.get().replies();
        String reply = replies.get((int) (turn.message().seq() % replies.size()));
        return Optional.of(new Proposal(name(), PRIORITY, turn.intentConfidence(),
                "intent " + turn.intent() + " " + EscalationPolicy.fmt(turn.intentConfidence()) + " has fixed replies",
                () -> TurnOutcome.reply(NewMessage.bot(reply)).with("intent", turn.intent())));
    }
}
