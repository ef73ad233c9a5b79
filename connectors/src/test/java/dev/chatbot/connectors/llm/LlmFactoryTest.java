package dev.chatbot.connectors.llm;

import dev.chatbot.connectors.config.LlmConfig;
import dev.chatbot.core.dialogue.PartialSink;
import dev.chatbot.core.llm.DisabledFallbackGenerator;
import dev.chatbot.core.llm.FallbackAnswer;
import dev.chatbot.core.llm.FallbackGenerator;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The bean the dialogue engine gets, by configuration (no server is started and no request is sent). */
class LlmFactoryTest {

    @Test
    void uses_ollama_by_default_with_the_documented_defaults() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(), "test")) {
            FallbackGenerator generator = ctx.getBean(FallbackGenerator.class);
            assertThat(generator).isInstanceOf(OllamaFallbackGenerator.class);
            assertThat(generator.isEnabled()).isTrue();
            LlmConfig config = ctx.getBean(LlmConfig.class);
            assertThat(config.getBaseUrl()).isEqualTo("http://localhost:11434");
            assertThat(config.getMaxConcurrent()).isEqualTo(1);
            assertThat(config.getProvider()).isEqualTo(LlmConfig.Provider.OLLAMA);
        }
    }

    @Test
    void binds_every_setting_from_configuration() {
        Map<String, Object> props = Map.ofEntries(Map.entry("chatbot.llm.base-url", "http://gpu-box:11434"),
                Map.entry("chatbot.llm.model", "llama3.2:1b"), Map.entry("chatbot.llm.max-concurrent", 2),
                Map.entry("chatbot.llm.max-queue", 7), Map.entry("chatbot.llm.first-token-timeout", "9s"),
                Map.entry("chatbot.llm.total-timeout", "40s"), Map.entry("chatbot.llm.max-prompt-chars", 4000),
                Map.entry("chatbot.llm.max-answer-tokens", 99), Map.entry("chatbot.llm.shop-name", "Fernhill"));
        try (ApplicationContext ctx = ApplicationContext.run(props, "test")) {
            LlmConfig c = ctx.getBean(LlmConfig.class);
            assertThat(List.of(c.getBaseUrl(), c.getModel(), c.getShopName()))
                    .containsExactly("http://gpu-box:11434", "llama3.2:1b", "Fernhill");
            assertThat(List.of(c.getMaxConcurrent(), c.getMaxQueue(), c.getMaxPromptChars(), c.getMaxAnswerTokens()))
                    .containsExactly(2, 7, 4000, 99);
            assertThat(c.getFirstTokenTimeout()).isEqualTo(Duration.ofSeconds(9));
            assertThat(c.getTotalTimeout()).isEqualTo(Duration.ofSeconds(40));
        }
    }

    @Test
    void switched_off_it_is_the_null_object_that_answers_unavailable_at_once() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("chatbot.llm.enabled", "false"), "test")) {
            FallbackGenerator generator = ctx.getBean(FallbackGenerator.class);
            assertThat(generator).isInstanceOf(DisabledFallbackGenerator.class);
            assertThat(generator.isEnabled()).isFalse();
            assertThat(generator.generate(LlmTestKit.ask("hi"), PartialSink.NONE).outcome())
                    .isEqualTo(FallbackAnswer.Outcome.UNAVAILABLE);
        }
    }

    @Test
    void the_openai_provider_selects_the_openai_compatible_generator() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("chatbot.llm.provider", "openai",
                "chatbot.llm.base-url", "http://localhost:8000/v1"), "test")) {
            assertThat(ctx.getBean(FallbackGenerator.class)).isInstanceOf(OpenAiFallbackGenerator.class);
        }
    }
}
