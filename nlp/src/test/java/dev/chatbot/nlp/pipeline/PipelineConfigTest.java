package dev.chatbot.nlp.pipeline;

import dev.chatbot.nlp.text.TokensStepTrainer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelineConfigTest {

    @Test
    void default_order_is_tokens_language_entities_intent_sentiment_faq() {
        assertThat(PipelineConfig.defaults().steps())
                .containsExactly("tokens", "language", "entities", "intent", "sentiment", "faq");
    }

    @Test
    void reads_steps_settings_and_limits_from_yaml() {
        PipelineConfig c = PipelineConfig.parse("""
                version: 1
                steps: [tokens, intent]
                max_message_chars: 500
                seed: 7
                settings:
                  intent:
                    threshold: 0.45
                    mode: ensemble
                """, "pipeline.yml");
        assertThat(c.steps()).containsExactly("tokens", "intent");
        assertThat(c.maxMessageChars()).isEqualTo(500);
        assertThat(c.seed()).isEqualTo(7);
        assertThat(c.settingsOf("intent")).isEqualTo(Map.of("threshold", "0.45", "mode", "ensemble"));
        assertThat(c.settingsOf("tokens")).isEmpty();
    }

    @Test
    void empty_file_means_defaults() {
        assertThat(PipelineConfig.parse("", "x")).isEqualTo(PipelineConfig.defaults());
    }

    @Test
    void unknown_step_is_a_clear_error_naming_known_steps() {
        PipelineConfig c = PipelineConfig.of(List.of("tokens", "intnet"));
        assertThatThrownBy(() -> c.check(StepRegistry.of(new TokensStepTrainer())))
                .isInstanceOf(PipelineConfigException.class)
                .hasMessageContaining("unknown step 'intnet'")
                .hasMessageContaining("known steps: tokens");
    }

    @Test
    void rejects_unknown_keys_duplicate_steps_and_orphan_settings() {
        assertThatThrownBy(() -> PipelineConfig.parse("stepz: [a]", "p.yml"))
                .hasMessageContaining("p.yml: unknown key 'stepz'");
        assertThatThrownBy(() -> PipelineConfig.parse("steps: [a, a]", "p.yml"))
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> PipelineConfig.parse("steps: [a]\nsettings:\n  b: {x: 1}\n", "p.yml"))
                .hasMessageContaining("settings for step 'b'");
        assertThatThrownBy(() -> PipelineConfig.parse("version: 2", "p.yml")).hasMessageContaining("version 2");
        assertThatThrownBy(() -> PipelineConfig.parse("max_message_chars: lots", "p.yml"))
                .hasMessageContaining("whole number");
    }

    @Test
    void registry_finds_this_modules_trainers_through_service_loader() {
        StepRegistry r = StepRegistry.discover();
        assertThat(r.names()).contains("tokens", "language", "entities");
        assertThatThrownBy(() -> r.trainer("nope")).hasMessageContaining("unknown step 'nope'");
    }
}
