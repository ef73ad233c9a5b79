package dev.chatbot.core.dialogue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatbot.core.conversation.Escalation;
import dev.chatbot.core.conversation.NewMessage;
import dev.chatbot.nlp.EntityMention;
import dev.chatbot.nlp.FaqHit;
import dev.chatbot.nlp.IntentPrediction;
import dev.chatbot.nlp.NluResult;
import dev.chatbot.nlp.ScoredLabel;
import dev.chatbot.nlp.SentimentPrediction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The dialogue engine: analyses the message with the active bot model, lets every policy propose, runs the winner,
 * escalates after repeated fallbacks, and records a trace of the whole decision (intent scores, entities, sentiment,
 * FAQ hits, every proposal, the winner and why).
 */
public final class NluDialogueEngine implements DialogueEngine {

    private static final Logger LOG = LoggerFactory.getLogger(NluDialogueEngine.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TRACE_RANKING = 5;
    private static final int TRACE_FAQ = 3;

    private final Supplier<BotModel> model;
    private final List<DialoguePolicy> policies;
    private final DialogueConfig config;
    private final Clock clock;

    public NluDialogueEngine(Supplier<BotModel> model, List<DialoguePolicy> policies, DialogueConfig config, Clock clock) {
        this.model = model;
        this.policies = List.copyOf(policies);
        this.config = config;
        this.clock = clock;
    }

    @Override
    public BotTurn respond(TurnInput input) {
        long start = System.nanoTime();
        BotModel bot = model.get();
        DialogueState state = DialogueState.read(input.dialogueState());
        NluResult nlu = analyse(bot, withoutMarkup(input.customerMessage().text()));
        TurnContext turn = new TurnContext(input.conversation(), input.customerMessage(), nlu, state, input.history(),
                input.partials(), bot, config, clock);
        if (!isShortAnswer(turn)) {
            // "no", "yes" and a bare order number answer the bot's questions; they say nothing about the mood
            state.recordNegativity(nlu.sentiment().negativity());
        }

        List<Proposal> proposals = new ArrayList<>();
        for (DialoguePolicy policy : policies) {
            try {
                policy.propose(turn).ifPresent(proposals::add);
            } catch (RuntimeException e) {
                LOG.atWarn().setCause(e).addKeyValue("policy", policy.name()).log("policy failed to propose");
            }
        }
        Proposal winner = proposals.stream()
                .max(Comparator.comparingInt(Proposal::priority).thenComparingDouble(Proposal::score))
                .orElseThrow(() -> new IllegalStateException("no policy proposed; the default fallback must always"));
        TurnOutcome outcome = winner.action().get();

        String decidedBy = winner.policy();
        String why = winner.reason();
        if (outcome.fallback() && outcome.escalation().isEmpty()) {
            state.consecutiveFallbacks++;
            if (state.consecutiveFallbacks >= config.maxConsecutiveFallbacks()) {
                int count = state.consecutiveFallbacks;
                state.consecutiveFallbacks = 0;
                state.pendingOffer = null;
                outcome = TurnOutcome.escalate(new Escalation("repeated_fallback", count,
                                count + " answers in a row the bot could not give", clock.instant()),
                        NewMessage.bot("Sorry I couldn't help with that. " + BotTexts.ESCALATED))
                        .with("after", winner.policy());
                decidedBy = "escalation";
                why = "repeated_fallback: " + count + " fallbacks in a row (limit " + config.maxConsecutiveFallbacks() + ")";
            }
        } else {
            state.consecutiveFallbacks = 0;
        }
        if (outcome.escalation().isPresent()) {
            state.consecutiveFallbacks = 0;
        }

        String trace = trace(bot, nlu, proposals, decidedBy, why, outcome, state, System.nanoTime() - start);
        return new BotTurn(outcome.replies(), Optional.empty(), outcome.escalation(), Optional.of(state.write()),
                Optional.of(trace));
    }

    private static final java.util.regex.Pattern MARKUP = java.util.regex.Pattern.compile("<[^<>]{1,300}>");

    /**
     * The text the language model sees: markup removed ("&lt;img src=x onerror=...&gt; where is my order" is a question
     * about an order, and words inside tags would otherwise colour intent and sentiment). The stored message keeps
     * what the customer typed.
     */
    static String withoutMarkup(String text) {
        return MARKUP.matcher(text).replaceAll(" ").strip();
    }

    private static boolean isShortAnswer(TurnContext turn) {
        return turn.isMostlyEntities()
                || turn.isIntent("affirm", turn.config().intentThreshold())
                || turn.isIntent("deny", turn.config().intentThreshold());
    }

    private static NluResult analyse(BotModel bot, String text) {
        try {
            return bot.nlu().analyze(text);
        } catch (RuntimeException e) {
            LOG.atWarn().setCause(e).log("NLU failed; treating the message as out of scope");
            return new NluResult(text, "und", IntentPrediction.outOfScope(0.0, List.of()), List.of(),
                    SentimentPrediction.neutral(), List.of());
        }
    }

    private static String trace(BotModel bot, NluResult nlu, List<Proposal> proposals, String decidedBy, String why,
                                TurnOutcome outcome, DialogueState state, long nanos) {
        ObjectNode t = JSON.createObjectNode();
        t.put("model", bot.version());
        t.put("language", nlu.language());
        ObjectNode intent = t.putObject("intent");
        intent.put("name", nlu.intent().name());
        intent.put("confidence", round(nlu.intent().confidence()));
        intent.put("out_of_scope", nlu.intent().outOfScope());
        ArrayNode ranking = intent.putArray("ranking");
        for (ScoredLabel l : nlu.intent().ranking().stream().limit(TRACE_RANKING).toList()) {
            ranking.addObject().put("intent", l.label()).put("score", round(l.score()));
        }
        ArrayNode entities = t.putArray("entities");
        for (EntityMention e : nlu.entities()) {
            entities.addObject().put("type", e.type()).put("text", e.text()).put("value", e.value())
                    .put("source", e.source());
        }
        ObjectNode sentiment = t.putObject("sentiment");
        sentiment.put("label", nlu.sentiment().label());
        sentiment.put("score", round(nlu.sentiment().score()));
        sentiment.put("negativity", round(nlu.sentiment().negativity()));
        ArrayNode faq = t.putArray("faq");
        for (FaqHit h : nlu.faqHits().stream().limit(TRACE_FAQ).toList()) {
            faq.addObject().put("id", h.id()).put("score", round(h.score()));
        }
        ArrayNode candidates = t.putArray("candidates");
        for (Proposal p : proposals) {
            candidates.addObject().put("policy", p.policy()).put("priority", p.priority()).put("score", round(p.score()))
                    .put("reason", p.reason());
        }
        t.putObject("decision").put("policy", decidedBy).put("reason", why);
        ObjectNode details = t.putObject("outcome");
        for (Map.Entry<String, Object> e : outcome.details().entrySet()) {
            details.set(e.getKey(), JSON.valueToTree(e.getValue()));
        }
        details.put("fallback", outcome.fallback());
        outcome.escalation().ifPresent(e -> t.putObject("escalation").put("signal", e.signal())
                .put("score", round(e.score())).put("detail", e.detail()));
        t.put("consecutive_fallbacks", state.consecutiveFallbacks);
        t.put("elapsed_ms", round(nanos / 1e6));
        return t.toString();
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
