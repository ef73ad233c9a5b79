package dev.chatbot.connectors.ops;

import dev.chatbot.connectors.storage.JdbcConversationStore;
import dev.chatbot.connectors.wiring.Workers;
import dev.chatbot.core.conversation.ConversationService;
import dev.chatbot.core.conversation.Message;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * After a crash between storing a customer message and answering it, the customer would wait forever. At start-up
 * this answers the recent conversations whose newest message is an unanswered customer message.
 */
@Singleton
public class UnansweredTurnRecovery implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(UnansweredTurnRecovery.class);
    private static final Duration LOOK_BACK = Duration.ofHours(1);
    private static final int MAX_CONVERSATIONS = 500;

    private final JdbcConversationStore store;
    private final ConversationService conversations;
    private final Workers workers;
    private final Clock clock;

    public UnansweredTurnRecovery(JdbcConversationStore store, ConversationService conversations, Workers workers,
                                  Clock clock) {
        this.store = store;
        this.conversations = conversations;
        this.workers = workers;
        this.clock = clock;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        workers.io().execute(() -> {
            try {
                List<Message> pending = store.unansweredCustomerMessages(clock.instant().minus(LOOK_BACK), MAX_CONVERSATIONS);
                pending.forEach(m -> conversations.resumeUnansweredTurn(m.conversationId(), m));
                if (!pending.isEmpty()) {
                    LOG.atInfo().addKeyValue("conversations", pending.size()).log("answering messages left unanswered");
                }
            } catch (RuntimeException e) {
                LOG.atWarn().setCause(e).log("could not look for unanswered messages");
            }
        });
    }
}
