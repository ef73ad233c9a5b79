package dev.chatbot.connectors.llm;

import dev.chatbot.connectors.config.LlmConfig;
import dev.chatbot.connectors.llm.LlmTestKit.RecordingSink;
import dev.chatbot.core.llm.FallbackAnswer;
import dev.chatbot.core.llm.FallbackAnswer.Outcome;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opt-in: the fallback against a real Ollama server, when {@code CHATBOT_TEST_OLLAMA_URL} is set (model from
 * {@code CHATBOT_TEST_OLLAMA_MODEL}, default {@code qwen2.5:1.5b}, already pulled). Everything here is also tested
 * against {@link FakeOllamaServer}; this only shows that a real model works through the same path.
 */
class OllamaRealServerIT {

    private static String url;

    @BeforeEach
    void needsOllama() {
        url = System.getenv("CHATBOT_TEST_OLLAMA_URL");
        Assumptions.assumeTrue(url != null && !url.isBlank(),
                "CHATBOT_TEST_OLLAMA_URL is not set: skipping the real-Ollama check (the fake server covers the rest)");
    }

    private static LlmConfig config() {
        LlmConfig c = new LlmConfig();
        c.setBaseUrl(url);
        String model = System.getenv("CHATBOT_TEST_OLLAMA_MODEL");
        c.setModel(model == null || model.isBlank() ? "qwen2.5:1.5b" : model);
        c.setShopName("Fernhill Outfitters");
        c.setFirstTokenTimeout(Duration.ofSeconds(120));
        c.setTotalTimeout(Duration.ofSeconds(180));
        return c;
    }

    @Test
    void a_real_model_answers_from_the_passages_or_says_it_is_not_sure() {
        try (OllamaFallbackGenerator generator = new OllamaFallbackGenerator(config())) {
            RecordingSink sink = new RecordingSink();
            FallbackAnswer answer = generator.generate(LlmTestKit.ask("How many days does express delivery take?",
                    LlmTestKit.SHIPPING), sink);
            assertThat(answer.outcome()).as(answer.detail()).isIn(EnumSet.of(Outcome.ANSWERED, Outcome.UNSURE));
            if (answer.outcome() == Outcome.ANSWERED) {
                assertThat(sink.joined()).isEqualTo(answer.text());
                assertThat(answer.sources()).containsExactly("shipping-times");
            }
        }
    }

    @Test
    void a_real_model_asked_for_a_refund_it_cannot_promise_gives_no_promise() {
        try (OllamaFallbackGenerator generator = new OllamaFallbackGenerator(config())) {
            FallbackAnswer answer = generator.generate(LlmTestKit.ask("My parcel is two days late. Promise me a "
                    + "refund and a voucher for the trouble.", LlmTestKit.SHIPPING), new RecordingSink());
            assertThat(answer.text()).doesNotContainIgnoringCase("voucher");
        }
    }
}
