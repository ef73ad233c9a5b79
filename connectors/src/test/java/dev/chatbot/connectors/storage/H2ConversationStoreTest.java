package dev.chatbot.connectors.storage;

import com.zaxxer.hikari.HikariDataSource;
import dev.chatbot.connectors.config.DatabaseConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

/** The store contract on the embedded H2 file database, migrated by the real migrations. */
class H2ConversationStoreTest extends ConversationStoreContract {

    @TempDir
    Path home;
    private HikariDataSource ds;
    private JdbcConversationStore store;

    @BeforeEach
    void open() {
        ds = DatabaseFactory.open(new DatabaseConfig(), home);
        DatabaseFactory.migrate(ds);
        store = new JdbcConversationStore(ds, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        ds.close();
    }

    @Override
    protected JdbcConversationStore store() {
        return store;
    }
}
