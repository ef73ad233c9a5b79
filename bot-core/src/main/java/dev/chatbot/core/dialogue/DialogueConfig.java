package dev.chatbot.core.dialogue;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Every threshold the dialogue engine uses. Defaults are chosen for the default bot; each one is a configuration key
 * under {@code chatbot.dialogue.*} (see docs/configuration.md).
 *
 * @param intentThreshold            least intent confidence to act on an intent (start a handler, send its replies)
 * @param escalationIntentThreshold  least confidence of an {@code escalate: true} intent (asking for a person,
 *                                   legal threats ...) to hand the conversation over: a false positive takes the
 *                                   conversation away from the bot, so this is stricter than {@code intentThreshold}
 * @param topicChangeThreshold       least confidence of another intent to leave an open form for a new topic
 * @param faqThreshold               least FAQ score to answer from the FAQ
 * @param negativeSentimentThreshold negativity (0..1) at which a message alone escalates
 * @param worseningFloor             negativity the latest message must reach for a worsening trend to escalate
 * @param worseningTurns             how many customer messages in a row must get more negative
 * @param maxConsecutiveFallbacks    fallbacks in a row after which the bot escalates instead of a third
 * @param maxVerificationAttempts    failed order verifications before the bot stops trying and offers a person
 * @param refundAutoLimit            refunds up to this amount (in the order's currency) are requested automatically;
 *                                   above it a person decides
 * @param returnWindowDays           days after delivery within which returns and refunds are accepted
 * @param agentWaitTimeout           how long a conversation waits for an agent before the bot tells the customer and
 *                                   carries on
 */
public record DialogueConfig(double intentThreshold, double escalationIntentThreshold, double topicChangeThreshold, double faqThreshold,
                             double negativeSentimentThreshold, double worseningFloor, int worseningTurns,
                             int maxConsecutiveFallbacks, int maxVerificationAttempts, BigDecimal refundAutoLimit,
                             int returnWindowDays, Duration agentWaitTimeout) {

    public static DialogueConfig defaults() {
        return new DialogueConfig(0.5, 0.7, 0.7, 0.55, 0.85, 0.6, 3, 2, 3, new BigDecimal("100"), 30,
                Duration.ofMinutes(5));
    }
}
