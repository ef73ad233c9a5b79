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
        if (config.getUrl().isEmpty()) {
            // the embedded database: durable commits through group commit (see H2GroupCommit)
            org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
            h2.setURL(url);
            hc.setDataSource(new GroupCommitDataSource(h2, new H2GroupCommit(h2)));
        } else {
            hc.setJdbcUrl(url);
        }
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
        // H2 keeps committed changes in memory for up to WRITE_DELAY (500 ms) before writing them to the file, so a
        // killed process would lose messages that were already acknowledged (KillDuringConversationIT). The pool's
        // connections (GroupCommitDataSource) therefore return from a commit only once it is in the file; commits that
        // happen together share one write. WRITE_DELAY=0 did the same with one write per commit, at 45 % of the turns.
        // QUERY_CACHE_SIZE: each connection keeps its parsed statements (the default 8 is fewer than the store uses).
        return "jdbc:h2:file:" + dir.resolve("chatbot").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64";
    }

    /** Drops credentials that some drivers accept inside the URL. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***").replaceAll("//[^/@]*:[^/@]*@", "//***@");
    }
}
