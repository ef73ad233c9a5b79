package dev.chatbot.core.policy;

import dev.chatbot.core.conversation.NewMessage;
import dev.chatbot.core.dialogue.BotTexts;
import dev.chatbot.core.dialogue.DialoguePolicy;
import dev.chatbot.core.dialogue.Proposal;
import dev.chatbot.core.dialogue.TurnContext;
import dev.chatbot.core.dialogue.TurnOutcome;
import dev.chatbot.core.handler.Answers;

import java.util.Optional;

/** "No, thanks" to the bot's offer of a person: acknowledge and carry on. (A yes escalates.) */
public final class OfferAnswerPolicy implements DialoguePolicy {

    @Override
    public String name() {
        return "offer_answer";
    }

    @Override
    public Optional<Proposal> propose(TurnContext turn) {
        if (!"human".equals(turn.state().pendingOffer) || !Answers.isNo(turn)) {
            return Optional.empty();
        }
        return Optional.of(new Proposal(name(), 90, 1.0, "customer declined the offer of a person", () -> {
            turn.state().pendingOffer = null;
            return TurnOutcome.reply(NewMessage.bot(BotTexts.DECLINED_HUMAN));
        }));
    }
}
