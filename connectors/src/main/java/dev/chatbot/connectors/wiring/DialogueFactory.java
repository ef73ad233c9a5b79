package dev.chatbot.connectors.wiring;

import dev.chatbot.connectors.config.ChatbotConfig;
import dev.chatbot.connectors.config.DialogueSettings;
import dev.chatbot.connectors.config.NluConfig;
import dev.chatbot.connectors.nlu.BotModelRegistry;
import dev.chatbot.core.crm.CrmClient;
import dev.chatbot.core.dialogue.DialogueEngine;
import dev.chatbot.core.dialogue.NluDialogueEngine;
import dev.chatbot.core.handler.Handlers;
import dev.chatbot.core.llm.DisabledFallbackGenerator;
import dev.chatbot.core.llm.FallbackGenerator;
import dev.chatbot.core.policy.Policies;
import dev.chatbot.nlp.embedding.MiniLmSentenceEncoder;
import dev.chatbot.nlp.embedding.SentenceEncoder;
import dev.chatbot.nlp.pipeline.StepRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The real dialogue engine: the active bot model (trained or loaded at start-up from {@code chatbot.data-dir}), the
 * standard policies with the built-in handlers on the configured CRM, and the LLM fallback when one is configured.
 */
@Factory
public class DialogueFactory {

    @Singleton
    @Bean(preDestroy = "close")
    public MiniLmSentenceEncoder sentenceEncoder() {
        return MiniLmSentenceEncoder.create();
    }

    @Singleton
    public BotModelRegistry botModels(ChatbotConfig chatbot, NluConfig nlu, SentenceEncoder encoder) {
        BotModelRegistry registry = new BotModelRegistry(
                nlu.getModelsDir().orElse(chatbot.homeDir().resolve("models")).toAbsolutePath(),
                StepRegistry.discover(), encoder, Handlers.names(), nlu.getMaxConcurrent());
        registry.start(chatbot.getDataDir().toAbsolutePath());
        return registry;
    }

    @Singleton
    @Secondary
    public FallbackGenerator noLlm() {
        return new DisabledFallbackGenerator();
    }

    @Singleton
    public DialogueEngine dialogueEngine(BotModelRegistry models, CrmClient crm, FallbackGenerator llm,
                                         DialogueSettings settings, Clock clock) {
        return new NluDialogueEngine(models, Policies.standard(Handlers.builtIn(crm), llm), settings.toConfig(), clock);
    }
}
