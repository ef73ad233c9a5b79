package dev.chatbot.connectors.llm;

import dev.chatbot.connectors.config.LlmConfig;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;

import java.net.URI;

/**
 * The LLM fallback on a local Ollama server ({@code CHATBOT_LLM_BASE_URL}, model {@code CHATBOT_LLM_MODEL}) through
 * langchain4j-ollama's streaming chat model: {@code /api/chat} for answers, {@code /api/tags} to see whether the
 * server is back after a failure. The answer length is capped with Ollama's {@code num_predict}.
 */
public final class OllamaFallbackGenerator extends GuardedFallbackGenerator {

    public OllamaFallbackGenerator(LlmConfig config) {
        super(config);
    }

    @Override
    protected StreamingChatModel model(JdkHttpClientBuilder http) {
        return OllamaStreamingChatModel.builder()
                .baseUrl(config.getBaseUrl())
                .modelName(config.getModel())
                .numPredict(config.getMaxAnswerTokens())
                .temperature(config.getTemperature())
                .httpClientBuilder(http)
                .build();
    }

    @Override
    protected URI probeUri() {
        return URI.create(stripSlash(config.getBaseUrl()) + "/api/tags");
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
