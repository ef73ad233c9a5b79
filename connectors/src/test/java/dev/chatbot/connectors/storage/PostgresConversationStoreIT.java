package dev.chatbot.connectors.storage;

import com.zaxxer.hikari.HikariDataSource;
import dev.chatbot.connectors.config.DatabaseConfig;
import dev.chatbot.connectors.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.nio.file.Path;
import java.time.Clock;

/** The store contract on the machine's PostgreSQL server, in a throwaway database migrated by the real migrations. */
class PostgresConversationStoreIT extends ConversationStoreContract {

    private static Postgres pg;
    private static HikariDataSource ds;
    private static JdbcConversationStore store;

    @BeforeAll
    static void open() {
        pg = Postgres.createDatabase();
        DatabaseConfig config = new DatabaseConfig();
        config.setUrl(pg.url());
        config.setUsername(pg.user());
        config.setPassword(pg.password());
        ds = DatabaseFactory.open(config, Path.of("unused"));
        DatabaseFactory.migrate(ds);
        store = new JdbcConversationStore(ds, Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        ds.close();
        pg.close();
    }

    @Override
    protected JdbcConversationStore store() {
        return store;
    }
}
