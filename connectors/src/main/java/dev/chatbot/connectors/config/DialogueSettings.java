package dev.chatbot.connectors.config;

import dev.chatbot.core.dialogue.DialogueConfig;
import io.micronaut.context.annotation.ConfigurationProperties;

import java.math.BigDecimal;
import java.time.Duration;

/** The dialogue engine's thresholds and business rules ({@code chatbot.dialogue.*}); see {@link DialogueConfig}. */
@ConfigurationProperties("chatbot.dialogue")
public class DialogueSettings {

    private final DialogueConfig defaults = DialogueConfig.defaults();
    private double intentThreshold = defaults.intentThreshold();
    private double escalationIntentThreshold = defaults.escalationIntentThreshold();
    private double topicChangeThreshold = defaults.topicChangeThreshold();
    private double faqThreshold = defaults.faqThreshold();
    private double negativeSentimentThreshold = defaults.negativeSentimentThreshold();
    private double worseningFloor = defaults.worseningFloor();
    private int worseningTurns = defaults.worseningTurns();
    private int maxConsecutiveFallbacks = defaults.maxConsecutiveFallbacks();
    private int maxVerificationAttempts = defaults.maxVerificationAttempts();
    private BigDecimal refundAutoLimit = defaults.refundAutoLimit();
    private int returnWindowDays = defaults.returnWindowDays();
    private Duration agentWaitTimeout = defaults.agentWaitTimeout();

    public DialogueConfig toConfig() {
        return new DialogueConfig(intentThreshold, escalationIntentThreshold, topicChangeThreshold, faqThreshold, negativeSentimentThreshold,
                worseningFloor, worseningTurns, maxConsecutiveFallbacks, maxVerificationAttempts, refundAutoLimit,
                returnWindowDays, agentWaitTimeout);
    }

    public double getIntentThreshold() { return intentThreshold; }
    public void setIntentThreshold(double v) { intentThreshold = v; }
    public double getEscalationIntentThreshold() { return escalationIntentThreshold; }
    public void setEscalationIntentThreshold(double v) { escalationIntentThreshold = v; }
    public double getTopicChangeThreshold() { return topicChangeThreshold; }
    public void setTopicChangeThreshold(double v) { topicChangeThreshold = v; }
    public double getFaqThreshold() { return faqThreshold; }
    public void setFaqThreshold(double v) { faqThreshold = v; }
    public double getNegativeSentimentThreshold() { return negativeSentimentThreshold; }
    public void setNegativeSentimentThreshold(double v) { negativeSentimentThreshold = v; }
    public double getWorseningFloor() { return worseningFloor; }
    public void setWorseningFloor(double v) { worseningFloor = v; }
    public int getWorseningTurns() { return worseningTurns; }
    public void setWorseningTurns(int v) { worseningTurns = v; }
    public int getMaxConsecutiveFallbacks() { return maxConsecutiveFallbacks; }
    public void setMaxConsecutiveFallbacks(int v) { maxConsecutiveFallbacks = v; }
    public int getMaxVerificationAttempts() { return maxVerificationAttempts; }
    public void setMaxVerificationAttempts(int v) { maxVerificationAttempts = v; }
    public BigDecimal getRefundAutoLimit() { return refundAutoLimit; }
    public void setRefundAutoLimit(BigDecimal v) { refundAutoLimit = v; }
    public int getReturnWindowDays() { return returnWindowDays; }
    public void setReturnWindowDays(int v) { returnWindowDays = v; }
    public Duration getAgentWaitTimeout() { return agentWaitTimeout; }
    public void setAgentWaitTimeout(Duration v) { agentWaitTimeout = v; }
}
