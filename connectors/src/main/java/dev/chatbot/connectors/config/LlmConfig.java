package dev.chatbot.connectors.config;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.Optional;

/**
 * The local-LLM fallback ({@code chatbot.llm.*}): which server and model, and the limits that keep a slow or absent
 * model from getting in the way. {@code CHATBOT_LLM_ENABLED=false} switches it off; {@code CHATBOT_LLM_BASE_URL}
 * and {@code CHATBOT_LLM_MODEL} point at an Ollama server. Documented in {@code docs/llm.md}.
 */
@ConfigurationProperties("chatbot.llm")
public class LlmConfig {

    /** Which protocol the server at {@link #getBaseUrl()} speaks. */
    public enum Provider {
        /** Ollama's own API ({@code /api/chat}, {@code /api/tags}). */
        OLLAMA,
        /** Any OpenAI-compatible endpoint ({@code /chat/completions}, {@code /models}). */
        OPENAI
    }

    private boolean enabled = true;
    private Provider provider = Provider.OLLAMA;
    private String baseUrl = "http://localhost:11434";
    private String model = "qwen2.5:1.5b";
    private String apiKey;
    private Duration connectTimeout = Duration.ofMillis(1000);
    private Duration firstTokenTimeout = Duration.ofSeconds(20);
    private Duration totalTimeout = Duration.ofSeconds(60);
    private Duration probeInterval = Duration.ofSeconds(5);
    private int maxConcurrent = 1;
    private int maxQueue = 4;
    private Duration maxQueueWait = Duration.ofSeconds(20);
    private int maxPromptChars = 6000;
    private int maxAnswerTokens = 200;
    private int maxPassages = 3;
    private int maxHistoryTurns = 4;
    private double temperature = 0.2;
    private String shopName = "our shop";

    /** Whether the fallback is on at all; off means the bot offers a person at once. */
    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Provider getProvider() {
        return provider;
    }

    public void setProvider(Provider provider) {
        this.provider = provider;
    }

    /** Root URL of the model server, e.g. {@code http://localhost:11434} (for OpenAI-compatible ones, up to {@code /v1}). */
    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Model name as the server knows it, e.g. {@code qwen2.5:1.5b}. */
    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    /** Bearer key for OpenAI-compatible servers; unused by Ollama. */
    public Optional<String> getApiKey() {
        return Optional.ofNullable(apiKey).filter(k -> !k.isBlank());
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    /** How long to wait for the TCP connection; keeps "no server" answers well under 2 seconds. */
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** How long the model may think before its first token (a long prompt on CPU takes a while). */
    public Duration getFirstTokenTimeout() {
        return firstTokenTimeout;
    }

    public void setFirstTokenTimeout(Duration firstTokenTimeout) {
        this.firstTokenTimeout = firstTokenTimeout;
    }

    /** Longest a whole generation may take, from sending the request to the last token. */
    public Duration getTotalTimeout() {
        return totalTimeout;
    }

    public void setTotalTimeout(Duration totalTimeout) {
        this.totalTimeout = totalTimeout;
    }

    /** After a failure, how often a background check asks the server whether it is back. */
    public Duration getProbeInterval() {
        return probeInterval;
    }

    public void setProbeInterval(Duration probeInterval) {
        this.probeInterval = probeInterval;
    }

    /** Generations running at once (a small model on 2 cores does one at a time well). */
    public int getMaxConcurrent() {
        return maxConcurrent;
    }

    public void setMaxConcurrent(int maxConcurrent) {
        this.maxConcurrent = maxConcurrent;
    }

    /** Requests that may wait for a free slot; beyond that the answer is BUSY at once. */
    public int getMaxQueue() {
        return maxQueue;
    }

    public void setMaxQueue(int maxQueue) {
        this.maxQueue = maxQueue;
    }

    /** Longest a queued request waits for a slot before it gives up with BUSY. */
    public Duration getMaxQueueWait() {
        return maxQueueWait;
    }

    public void setMaxQueueWait(Duration maxQueueWait) {
        this.maxQueueWait = maxQueueWait;
    }

    /** Cap on the characters of everything the model is sent (rules, passages, turns, question). */
    public int getMaxPromptChars() {
        return maxPromptChars;
    }

    public void setMaxPromptChars(int maxPromptChars) {
        this.maxPromptChars = maxPromptChars;
    }

    /** Cap on generated tokens ({@code num_predict} for Ollama, {@code max_tokens} for OpenAI). */
    public int getMaxAnswerTokens() {
        return maxAnswerTokens;
    }

    public void setMaxAnswerTokens(int maxAnswerTokens) {
        this.maxAnswerTokens = maxAnswerTokens;
    }

    /** FAQ passages given as grounding, best first. */
    public int getMaxPassages() {
        return maxPassages;
    }

    public void setMaxPassages(int maxPassages) {
        this.maxPassages = maxPassages;
    }

    /** Earlier turns of the conversation shown to the model. */
    public int getMaxHistoryTurns() {
        return maxHistoryTurns;
    }

    public void setMaxHistoryTurns(int maxHistoryTurns) {
        this.maxHistoryTurns = maxHistoryTurns;
    }

    /** Sampling temperature; low keeps answers close to the passages. */
    public double getTemperature() {
        return temperature;
    }

    public void setTemperature(double temperature) {
        this.temperature = temperature;
    }

    /** How the assistant names the business it works for in its instructions, e.g. {@code Fernhill Outfitters}. */
    public String getShopName() {
        return shopName;
    }

    public void setShopName(String shopName) {
        this.shopName = shopName;
    }

    @Override
    public String toString() {
        return "LlmConfig[enabled=" + enabled + ", provider=" + provider + ", baseUrl=" + baseUrl + ", model=" + model
                + ", apiKey=" + (getApiKey().isPresent() ? "<set>" : "<none>") + ", maxConcurrent=" + maxConcurrent
                + ", maxQueue=" + maxQueue + "]";
    }
}
