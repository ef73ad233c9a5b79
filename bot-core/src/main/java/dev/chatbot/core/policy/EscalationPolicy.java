package dev.chatbot.core.policy;

import dev.chatbot.core.conversation.Escalation;
import dev.chatbot.core.conversation.NewMessage;
import dev.chatbot.core.dialogue.BotTexts;
import dev.chatbot.core.dialogue.DialoguePolicy;
import dev.chatbot.core.dialogue.DialogueState;
import dev.chatbot.core.dialogue.Proposal;
import dev.chatbot.core.dialogue.TurnContext;
import dev.chatbot.core.dialogue.TurnOutcome;
import dev.chatbot.core.handler.Answers;
import dev.chatbot.nlp.data.IntentDefinition;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Hands the conversation to a person when the customer asks for one (or accepts the bot's offer), when the intent is
 * marked {@code escalate: true} (legal threats, fraud, account takeover), when a message is very negative, or when
 * the customer's messages get more negative turn after turn. The signal and its score are recorded for the agent.
 * (Repeated fallbacks and refunds above the limit escalate elsewhere: in the engine and in the refund handler.)
 */
public final class EscalationPolicy implements DialoguePolicy {

    public static final String NAME = "escalation";
    static final int PRIORITY = 100;
    static final String TALK_TO_HUMAN = "talk_to_human";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Proposal> propose(TurnContext turn) {
        DialogueState state = turn.state();
        Optional<IntentDefinition> intent = turn.confidentIntent();
        if (intent.isPresent() && intent.get().escalate()
                && turn.intentConfidence() >= turn.config().escalationIntentThreshold()) {
            boolean explicit = intent.get().name().equals(TALK_TO_HUMAN);
            String signal = explicit ? "explicit_request" : "risky_intent";
            String detail = explicit ? "customer asked for a person (intent " + turn.intent() + " "
                    + fmt(turn.intentConfidence()) + ")" : "risky intent " + turn.intent() + " " + fmt(turn.intentConfidence());
            return escalate(turn, signal, turn.intentConfidence(), detail, explicit ? BotTexts.ESCALATED : BotTexts.ESCALATED_RISKY);
        }
        if ("human".equals(state.pendingOffer) && Answers.isYes(turn)) {
            return escalate(turn, "accepted_offer", 1.0, "customer accepted the offer of a person", BotTexts.ESCALATED);
        }
        double negativity = turn.nlu().sentiment().negativity();
        double threshold = turn.config().negativeSentimentThreshold();
        if (negativity >= threshold) {
            int cues = Intensity.cues(turn.text());
            boolean sustained = previousNegativity(state) >= threshold;
            if (cues > 0 || sustained) {
                return escalate(turn, "negative_sentiment", negativity, "negative sentiment " + fmt(negativity)
                        + " at or over threshold " + fmt(threshold)
                        + (cues > 0 ? " with " + cues + " intensity cue(s)" : " for the second message in a row"),
                        BotTexts.ESCALATED);
            }
        }
        if (worsening(state.negativity, turn.config().worseningTurns(), turn.config().worseningFloor())) {
            List<Double> last = state.negativity.subList(state.negativity.size() - turn.config().worseningTurns(),
                    state.negativity.size());
            return escalate(turn, "sentiment_worsening", negativity,
                    "negativity rising over the last " + last.size() + " messages: " + last, BotTexts.ESCALATED);
        }
        return Optional.empty();
    }

    /** Least rise of negativity over the window for a trend to count as worsening. */
    static final double MIN_RISE = 0.2;

    /**
     * True when over the last {@code turns} messages negativity never went down, rose by at least {@link #MIN_RISE}
     * and the latest reaches {@code floor}.
     */
    static boolean worsening(List<Double> negativity, int turns, double floor) {
        if (turns < 2 || negativity.size() < turns) {
            return false;
        }
        List<Double> last = negativity.subList(negativity.size() - turns, negativity.size());
        for (int i = 1; i < last.size(); i++) {
            if (last.get(i) < last.get(i - 1)) {
                return false;
            }
        }
        double latest = last.get(last.size() - 1);
        return latest >= floor && latest - last.get(0) >= MIN_RISE;
    }

    /** Negativity of the customer's previous message (the latest entry is this message's). */
    private static double previousNegativity(DialogueState state) {
        int n = state.negativity.size();
        return n >= 2 ? state.negativity.get(n - 2) : 0.0;
    }

    private static Optional<Proposal> escalate(TurnContext turn, String signal, double score, String detail, String text) {
        return Optional.of(new Proposal(NAME, PRIORITY, score, signal + ": " + detail, () -> {
            DialogueState state = turn.state();
            state.pendingOffer = null;
            if (state.form != null) {
                state.suspended = state.form;
                state.form = null;
            }
            return TurnOutcome.escalate(new Escalation(signal, score, detail, turn.clock().instant()), NewMessage.bot(text))
                    .with("signal", signal);
        }));
    }

    static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
