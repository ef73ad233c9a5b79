package dev.chatbot.connectors.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatbot.connectors.config.LlmConfig;
import dev.chatbot.connectors.llm.FakeOllamaServer.Script;
import dev.chatbot.connectors.llm.LlmTestKit.RecordingSink;
import dev.chatbot.core.dialogue.PartialSink;
import dev.chatbot.core.llm.FallbackAnswer;
import dev.chatbot.core.llm.FallbackAnswer.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.chatbot.connectors.llm.LlmTestKit.SHIPPING;
import static dev.chatbot.connectors.llm.LlmTestKit.ask;
import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAI-compatible provider against the same test double's {@code /v1} endpoints: same guardrails. */
class OpenAiFallbackGeneratorIT {

    private static LlmConfig config(FakeOllamaServer fake) {
        LlmConfig c = LlmTestKit.config(fake.baseUrl() + "/v1");
        c.setProvider(LlmConfig.Provider.OPENAI);
        c.setApiKey("local-key");
        return c;
    }

    @Test
    void streams_checked_sentences_from_an_openai_compatible_server() {
        try (FakeOllamaServer fake = FakeOllamaServer.start();
             OpenAiFallbackGenerator generator = new OpenAiFallbackGenerator(config(fake))) {
            fake.enqueue(Script.words("Standard delivery takes 3-5 business days. Express takes 1-2 business days.")
                    .tokensEvery(Duration.ofMillis(10)));
            RecordingSink sink = new RecordingSink();

            FallbackAnswer answer = generator.generate(ask("how long is delivery?", SHIPPING), sink);

            assertThat(answer.outcome()).as(answer.detail()).isEqualTo(Outcome.ANSWERED);
            assertThat(sink.texts()).containsExactly("Standard delivery takes 3-5 business days.",
                    " Express takes 1-2 business days.");
            JsonNode sent = fake.lastChatRequest();
            assertThat(sent.path("model").asText()).isEqualTo(FakeOllamaServer.MODEL);
            assertThat(sent.path("max_tokens").asInt()).isEqualTo(config(fake).getMaxAnswerTokens());
            assertThat(sent.path("messages").get(0).path("role").asText()).isEqualTo("system");
        }
    }

    @Test
    void blocks_the_same_promises_and_is_unavailable_when_the_server_is_gone() {
        int port;
        try (FakeOllamaServer fake = FakeOllamaServer.start();
             OpenAiFallbackGenerator generator = new OpenAiFallbackGenerator(config(fake))) {
            port = fake.port();
            fake.enqueue(Script.words("I will refund you 30 EUR today."));
            assertThat(generator.generate(ask("my parcel is late", SHIPPING), PartialSink.NONE).outcome())
                    .isEqualTo(Outcome.UNSURE);
        }
        LlmConfig gone = LlmTestKit.config("http://127.0.0.1:" + port + "/v1");
        gone.setProvider(LlmConfig.Provider.OPENAI);
        try (OpenAiFallbackGenerator generator = new OpenAiFallbackGenerator(gone)) {
            long start = System.nanoTime();
            FallbackAnswer answer = generator.generate(ask("my parcel is late", SHIPPING), PartialSink.NONE);
            assertThat(answer.outcome()).isEqualTo(Outcome.UNAVAILABLE);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
        }
    }
}
