package dev.chatbot.connectors.crm;

import com.zaxxer.hikari.HikariDataSource;
import dev.chatbot.connectors.config.DatabaseConfig;
import dev.chatbot.connectors.storage.DatabaseFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;

/** The seeder on the embedded H2 file database. */
class H2DemoCrmSeederTest extends DemoCrmSeederContract {

    @TempDir
    static Path home;
    private static HikariDataSource ds;

    @BeforeAll
    static void open() {
        ds = DatabaseFactory.open(new DatabaseConfig(), home);
        DatabaseFactory.migrate(ds);
    }

    @AfterAll
    static void close() {
        ds.close();
    }

    @Override
    protected DataSource dataSource() {
        return ds;
    }
}
