package dev.chatbot.connectors.llm;

import dev.chatbot.connectors.config.LlmConfig;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;

import java.net.URI;
import java.util.Map;

/**
 * The LLM fallback on any OpenAI-compatible server (llama.cpp's server, vLLM, LocalAI, Ollama's {@code /v1}) through
 * langchain4j-open-ai, selected with {@code chatbot.llm.provider: openai}. The base URL includes the version path
 * (e.g. {@code http://localhost:8000/v1}); {@code /models} tells whether the server is back after a failure. Same
 * guardrails, limits and time-outs as {@link OllamaFallbackGenerator}.
 */
public final class OpenAiFallbackGenerator extends GuardedFallbackGenerator {

    /** Local servers accept any key; the library wants one. */
    private static final String NO_KEY = "none";

    public OpenAiFallbackGenerator(LlmConfig config) {
        super(config);
    }

    @Override
    protected StreamingChatModel model(JdkHttpClientBuilder http) {
        return OpenAiStreamingChatModel.builder()
                .baseUrl(config.getBaseUrl())
                .apiKey(config.getApiKey().orElse(NO_KEY))
                .modelName(config.getModel())
                .maxTokens(config.getMaxAnswerTokens())
                .temperature(config.getTemperature())
                .httpClientBuilder(http)
                .build();
    }

    @Override
    protected URI probeUri() {
        return URI.create(OllamaFallbackGenerator.stripSlash(config.getBaseUrl()) + "/models");
    }

    @Override
    protected Map<String, String> probeHeaders() {
        return Map.of("Authorization", "Bearer " + config.getApiKey().orElse(NO_KEY));
    }
}
