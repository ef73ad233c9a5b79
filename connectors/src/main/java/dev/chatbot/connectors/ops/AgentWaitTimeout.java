package dev.chatbot.connectors.ops;

import dev.chatbot.connectors.config.DialogueSettings;
import dev.chatbot.core.conversation.ConversationService;
import dev.chatbot.core.dialogue.BotTexts;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Every 15 seconds, gives back to the bot the conversations that waited for an agent longer than
 * {@code chatbot.dialogue.agent-wait-timeout}; the customer is told nobody is available and the bot carries on.
 */
@Singleton
public class AgentWaitTimeout {

    private static final Logger LOG = LoggerFactory.getLogger(AgentWaitTimeout.class);

    private final ConversationService conversations;
    private final DialogueSettings settings;
    private final Clock clock;

    public AgentWaitTimeout(ConversationService conversations, DialogueSettings settings, Clock clock) {
        this.conversations = conversations;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "15s", initialDelay = "15s")
    void check() {
        try {
            conversations.releaseUnclaimed(settings.getAgentWaitTimeout(), clock.instant(), BotTexts.NO_AGENT_AVAILABLE);
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("error", e.getMessage()).log("could not check waiting conversations");
        }
    }
}
