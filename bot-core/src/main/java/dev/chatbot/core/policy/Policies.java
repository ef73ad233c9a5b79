package dev.chatbot.core.policy;

import dev.chatbot.core.dialogue.DialoguePolicy;
import dev.chatbot.core.handler.IntentHandler;
import dev.chatbot.core.llm.FallbackGenerator;

import java.util.List;
import java.util.Map;

/** The standard set of competing policies. */
public final class Policies {

    private Policies() {
    }

    public static List<DialoguePolicy> standard(Map<String, IntentHandler> handlers, FallbackGenerator llm) {
        return List.of(
                new EscalationPolicy(),
                new OfferAnswerPolicy(),
                new FormPolicy(handlers),
                new HandlerPolicy(handlers),
                new FixedReplyPolicy(),
                new FaqPolicy(),
                new LlmFallbackPolicy(llm),
                new DefaultFallbackPolicy());
    }
}
