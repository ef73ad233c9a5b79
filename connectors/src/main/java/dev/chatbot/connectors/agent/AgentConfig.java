package dev.chatbot.connectors.agent;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/** Settings of the agent console's server side ({@code chatbot.agent.*}). */
@ConfigurationProperties("chatbot.agent")
public class AgentConfig {

    private List<String> cannedReplies = List.of(
            "Hi, this is {agent}. I'm sorry for the trouble - let me look into this for you right away.",
            "Could you give me your order number and the e-mail address you ordered with?",
            "Thanks, I can see your order. One moment while I check the details.",
            "I've passed this to our returns team; you'll get an e-mail from us within one business day.",
            "Is there anything else I can help you with today?",
            "Thanks for your patience. I'll hand you back to our assistant now - just ask for a person again if you need one.");
    private int queueLimit = 200;
    private Duration sessionRecheck = Duration.ofSeconds(30);

    /**
     * Ready-made replies offered in the console; {@code {agent}} becomes the agent's display name. Set
     * {@code CHATBOT_AGENT_CANNED_REPLIES} to a comma-separated list, or a YAML list in a config file.
     */
    public List<String> getCannedReplies() {
        return cannedReplies;
    }

    public void setCannedReplies(List<String> cannedReplies) {
        this.cannedReplies = List.copyOf(cannedReplies);
    }

    /** Most conversations one queue call returns. */
    public int getQueueLimit() {
        return queueLimit;
    }

    public void setQueueLimit(int queueLimit) {
        this.queueLimit = queueLimit;
    }

    /** How often open agent sockets re-check their token (expiry, disabled account, sign-out). */
    public Duration getSessionRecheck() {
        return sessionRecheck;
    }

    public void setSessionRecheck(Duration sessionRecheck) {
        this.sessionRecheck = sessionRecheck;
    }
}
