package dev.chatbot.connectors.wiring;

import com.zaxxer.hikari.HikariDataSource;
import dev.chatbot.connectors.storage.JdbcConversationStore;
import dev.chatbot.core.conversation.ConversationService;
import dev.chatbot.core.conversation.KeyedSerialExecutor;
import dev.chatbot.core.dialogue.DialogueEngine;
import dev.chatbot.core.port.MessageFanout;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Builds the dialogue layer from the configured port implementations. */
@Factory
public class CoreFactory {

    @Singleton
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    public JdbcConversationStore conversationStore(HikariDataSource dataSource, Clock clock) {
        return new JdbcConversationStore(dataSource, clock);
    }

    @Singleton
    public ConversationService conversationService(JdbcConversationStore store, MessageFanout fanout,
                                                   DialogueEngine dialogue, Workers workers) {
        return new ConversationService(store, fanout, dialogue, new KeyedSerialExecutor(workers.io()));
    }
}
