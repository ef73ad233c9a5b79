package dev.chatbot.connectors.llm;

import dev.chatbot.connectors.config.LlmConfig;
import dev.chatbot.core.llm.DisabledFallbackGenerator;
import dev.chatbot.core.llm.FallbackGenerator;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the {@link FallbackGenerator}: the guarded Ollama (or OpenAI-compatible) generator when
 * {@code chatbot.llm.enabled} is true, which is the default, and the {@link DisabledFallbackGenerator} null object
 * when it is false ({@code CHATBOT_LLM_ENABLED=false}).
 */
@Factory
public class LlmFactory {

    private static final Logger LOG = LoggerFactory.getLogger(LlmFactory.class);

    @Singleton
    @Requires(property = "chatbot.llm.enabled", notEquals = "false")
    @Bean(preDestroy = "close")
    public GuardedFallbackGenerator llmFallback(LlmConfig config) {
        LOG.info("LLM fallback: {} model {} at {}", config.getProvider(), config.getModel(), config.getBaseUrl());
        return switch (config.getProvider()) {
            case OLLAMA -> new OllamaFallbackGenerator(config);
            case OPENAI -> new OpenAiFallbackGenerator(config);
        };
    }

    @Singleton
    @Requires(property = "chatbot.llm.enabled", value = "false")
    public FallbackGenerator disabledFallback() {
        LOG.info("LLM fallback disabled (chatbot.llm.enabled=false)");
        return new DisabledFallbackGenerator();
    }
}
