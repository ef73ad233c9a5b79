package dev.chatbot.core.policy;

import dev.chatbot.core.conversation.Message;
import dev.chatbot.core.conversation.MessageSource;
import dev.chatbot.core.conversation.NewMessage;
import dev.chatbot.core.conversation.Role;
import dev.chatbot.core.dialogue.BotTexts;
import dev.chatbot.core.dialogue.DialoguePolicy;
import dev.chatbot.core.dialogue.Proposal;
import dev.chatbot.core.dialogue.TurnContext;
import dev.chatbot.core.dialogue.TurnOutcome;
import dev.chatbot.core.llm.FallbackAnswer;
import dev.chatbot.core.llm.FallbackGenerator;
import dev.chatbot.core.llm.FallbackRequest;
import dev.chatbot.nlp.FaqHit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Asks the local LLM when nothing else answers, grounded on the best FAQ passages and the last turns. Anything but a
 * usable answer (unsure, refused, busy, unavailable) becomes an honest "I can't answer that" with an offer of a
 * person, and counts as a fallback.
 */
public final class LlmFallbackPolicy implements DialoguePolicy {

    static final int PRIORITY = 20;
    static final int PASSAGES = 3;
    static final int TURNS = 6;

    private final FallbackGenerator generator;

    public LlmFallbackPolicy(FallbackGenerator generator) {
        this.generator = generator;
    }

    @Override
    public String name() {
        return "llm_fallback";
    }

    @Override
    public Optional<Proposal> propose(TurnContext turn) {
        if (!generator.isEnabled()) {
            return Optional.empty();
        }
        return Optional.of(new Proposal(name(), PRIORITY, 0.0, "no intent, handler or FAQ answer applies",
                () -> answer(turn)));
    }

    private TurnOutcome answer(TurnContext turn) {
        List<FaqHit> hits = turn.nlu().faqHits();
        List<FallbackRequest.Passage> passages = hits.stream().limit(PASSAGES)
                .map(h -> new FallbackRequest.Passage(h.id(), h.question(), h.answer())).toList();
        List<FallbackRequest.Turn> history = new ArrayList<>();
        List<Message> earlier = turn.history().stream().filter(m -> m.seq() < turn.message().seq()).toList();
        for (Message m : earlier.subList(Math.max(0, earlier.size() - TURNS), earlier.size())) {
            history.add(new FallbackRequest.Turn(m.role() == Role.CUSTOMER ? "customer" : "assistant", m.text()));
        }
        FallbackAnswer answer = generator.generate(new FallbackRequest(turn.text(), history, passages), turn.partials());
        if (answer.outcome() == FallbackAnswer.Outcome.ANSWERED && !answer.text().isBlank()) {
            List<MessageSource> sources = answer.sources().stream()
                    .flatMap(id -> hits.stream().filter(h -> h.id().equals(id)).limit(1))
                    .map(h -> new MessageSource(h.id(), h.question())).toList();
            return TurnOutcome.reply(new NewMessage(Role.BOT, answer.text(), Optional.empty(), Optional.empty(),
                    List.of(), sources)).with("llm", "answered");
        }
        String sentence = switch (answer.outcome()) {
            case UNSURE -> BotTexts.NOT_SURE;
            case REFUSED -> BotTexts.REFUSED;
            case BUSY -> BotTexts.BUSY;
            default -> BotTexts.CANT_ANSWER;
        };
        turn.state().pendingOffer = "human";
        return TurnOutcome.fallback(BotTexts.offerHuman(sentence))
                .with("llm", answer.outcome().name().toLowerCase(java.util.Locale.ROOT))
                .with("llm_detail", answer.detail());
    }
}
