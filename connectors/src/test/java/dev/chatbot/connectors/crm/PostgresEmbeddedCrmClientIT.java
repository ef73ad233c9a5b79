package dev.chatbot.connectors.crm;

import com.zaxxer.hikari.HikariDataSource;
import dev.chatbot.connectors.config.DatabaseConfig;
import dev.chatbot.connectors.storage.DatabaseFactory;
import dev.chatbot.connectors.testing.Postgres;
import dev.chatbot.core.crm.CrmClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.nio.file.Path;

/** The CRM contract on the embedded demo CRM, on the machine's PostgreSQL server (a throwaway database). */
class PostgresEmbeddedCrmClientIT extends CrmClientContract {

    private static Postgres pg;
    private static HikariDataSource ds;
    private static EmbeddedCrmClient crm;

    @BeforeAll
    static void open() {
        pg = Postgres.createDatabase();
        DatabaseConfig config = new DatabaseConfig();
        config.setUrl(pg.url());
        config.setUsername(pg.user());
        config.setPassword(pg.password());
        ds = DatabaseFactory.open(config, Path.of("unused"));
        DatabaseFactory.migrate(ds);
        crm = new EmbeddedCrmClient(ds, EmbeddedCrmFixture.clockAt(DAY));
    }

    @AfterAll
    static void close() {
        ds.close();
        pg.close();
    }

    @BeforeEach
    void reseed() {
        EmbeddedCrmFixture.reseed(ds, DAY);
    }

    @Override
    protected CrmClient crm() {
        return crm;
    }
}
