package dev.chatbot.connectors.agent;

import com.zaxxer.hikari.HikariDataSource;
import dev.chatbot.connectors.config.WidgetConfig;
import dev.chatbot.connectors.storage.JdbcConversationStore;
import dev.chatbot.core.agent.AgentDesk;
import dev.chatbot.core.agent.AgentNoteStore;
import dev.chatbot.core.agent.CustomerCards;
import dev.chatbot.core.conversation.ConversationService;
import dev.chatbot.core.crm.CrmClient;
import dev.chatbot.core.port.MessageFanout;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Optional;

/** Builds the agent desk on the configured conversation store, fan-out and (when there is one) CRM. */
@Factory
public class AgentFactory {

    @Singleton
    public AgentNoteStore agentNoteStore(HikariDataSource dataSource, Clock clock) {
        return new JdbcAgentNoteStore(dataSource, clock);
    }

    @Singleton
    public AgentDesk agentDesk(JdbcConversationStore store, ConversationService conversations, MessageFanout fanout,
                               AgentNoteStore notes, BeanProvider<CrmClient> crm, WidgetConfig widget, Clock clock) {
        Optional<CrmClient> client = crm.isResolvable() ? Optional.of(crm.get()) : Optional.empty();
        return new AgentDesk(store, conversations, fanout, notes, new CustomerCards(client), clock,
                widget.getMaxTextLength());
    }
}
