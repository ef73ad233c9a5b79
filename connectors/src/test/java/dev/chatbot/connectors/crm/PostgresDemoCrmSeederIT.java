package dev.chatbot.connectors.crm;

import com.zaxxer.hikari.HikariDataSource;
import dev.chatbot.connectors.config.DatabaseConfig;
import dev.chatbot.connectors.storage.DatabaseFactory;
import dev.chatbot.connectors.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import javax.sql.DataSource;
import java.nio.file.Path;

/** The seeder on the machine's PostgreSQL server, where several nodes may share one database. */
class PostgresDemoCrmSeederIT extends DemoCrmSeederContract {

    private static Postgres pg;
    private static HikariDataSource ds;

    @BeforeAll
    static void open() {
        pg = Postgres.createDatabase();
        DatabaseConfig config = new DatabaseConfig();
        config.setUrl(pg.url());
        config.setUsername(pg.user());
        config.setPassword(pg.password());
        ds = DatabaseFactory.open(config, Path.of("unused"));
        DatabaseFactory.migrate(ds);
    }

    @AfterAll
    static void close() {
        ds.close();
        pg.close();
    }

    @Override
    protected DataSource dataSource() {
        return ds;
    }
}
