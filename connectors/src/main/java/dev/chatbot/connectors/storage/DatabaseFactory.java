package dev.chatbot.connectors.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.chatbot.connectors.config.ChatbotConfig;
import dev.chatbot.connectors.config.DatabaseConfig;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Creates the connection pool and brings the schema up to date before anything uses it. */
@Factory
public class DatabaseFactory {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseFactory.class);

    @Singleton
    @Bean(preDestroy = "close")
    public HikariDataSource dataSource(DatabaseConfig config, ChatbotConfig chatbot) {
        HikariDataSource ds = open(config, chatbot.homeDir());
        migrate(ds);
        return ds;
    }

    /** Opens a pool on the configured database, or on the embedded H2 file database under {@code home}. */
    public static HikariDataSource open(DatabaseConfig config, Path home) {
        HikariConfig hc = new HikariConfig();
        String url = config.getUrl().orElseGet(() -> embeddedUrl(home));
        hc.setJdbcUrl(url);
        config.getUsername().ifPresent(hc::setUsername);
        config.getPassword().ifPresent(hc::setPassword);
        hc.setMaximumPoolSize(config.getMaxPoolSize());
        hc.setPoolName("chatbot-db");
        hc.setConnectionTimeout(5_000);
        hc.setValidationTimeout(2_000);
        // start even when the database is down; calls fail clearly until it is back
        hc.setInitializationFailTimeout(-1);
        H2ConnectionEviction h2Eviction = new H2ConnectionEviction();
        if (url.startsWith("jdbc:h2:")) {
            hc.setExceptionOverride(h2Eviction);
        }
        networkLimits(url, config).forEach(hc::addDataSourceProperty);
        LOG.atInfo().addKeyValue("url", redact(url)).log("opening database");
        HikariDataSource pool = new HikariDataSource(hc);
        h2Eviction.watch(pool);
        return pool;
    }

    /**
     * Driver settings that bound every wait on the network (settings in the URL still win): for PostgreSQL, a database
     * that stops answering fails the call within the response timeout instead of holding a customer's message (and the
     * connection) forever. Nothing for the embedded H2 database.
     */
    static java.util.Map<String, String> networkLimits(String url, DatabaseConfig config) {
        if (!url.startsWith("jdbc:postgresql:")) {
            return java.util.Map.of();
        }
        long seconds = Math.max(1, config.getResponseTimeout().toSeconds());
        return java.util.Map.of("socketTimeout", Long.toString(seconds), "connectTimeout", "5", "loginTimeout", "5");
    }

    /** Applies the migrations under {@code db/migration}. */
    public static void migrate(DataSource ds) {
        Flyway flyway = Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .load();
        var result = flyway.migrate();
        var current = flyway.info().current();
        LOG.atInfo().addKeyValue("applied", result.migrationsExecuted)
                .addKeyValue("version", current == null ? "none" : current.getVersion().getVersion())
                .log("database schema up to date");
    }

    static String embeddedUrl(Path home) {
        Path dir = home.resolve("db");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database folder " + dir, e);
        }
        // WRITE_DELAY=0: H2 otherwise keeps committed changes in memory for up to half a second before writing them to
        // the file, so a killed process would lose messages that were already acknowledged (KillDuringConversationIT)
        return "jdbc:h2:file:" + dir.resolve("chatbot").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    /** Drops credentials that some drivers accept inside the URL. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***").replaceAll("//[^/@]*:[^/@]*@", "//***@");
    }
}
