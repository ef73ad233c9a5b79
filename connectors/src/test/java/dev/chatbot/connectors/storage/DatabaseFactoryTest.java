package dev.chatbot.connectors.storage;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import dev.chatbot.connectors.config.DatabaseConfig;
import dev.chatbot.core.conversation.Conversation;
import dev.chatbot.core.conversation.NewMessage;
import dev.chatbot.core.port.StoreUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseFactoryTest {

    @TempDir
    Path home;

    @Test
    void the_embedded_database_lives_under_the_home_folder() {
        // that its commits are in the file before they return is H2GroupCommitTest's
        assertThat(DatabaseFactory.embeddedUrl(home)).startsWith("jdbc:h2:file:").contains(home.resolve("db").toString());
    }

    @Test
    void postgresql_waits_on_the_network_are_bounded_by_the_response_timeout() {
        DatabaseConfig config = new DatabaseConfig();
        config.setResponseTimeout(Duration.ofSeconds(7));
        assertThat(DatabaseFactory.networkLimits("jdbc:postgresql://db:5432/chatbot", config))
                .containsEntry("socketTimeout", "7").containsEntry("connectTimeout", "5").containsEntry("loginTimeout", "5");
        assertThat(DatabaseFactory.networkLimits("jdbc:postgresql://db:5432/chatbot", new DatabaseConfig()))
                .containsEntry("socketTimeout", "10");
        assertThat(DatabaseFactory.networkLimits(DatabaseFactory.embeddedUrl(home), config)).isEmpty();
    }

    @Test
    void h2_errors_that_close_the_database_retire_the_connection_and_others_do_not() {
        H2ConnectionEviction eviction = new H2ConnectionEviction();
        assertThat(eviction.adjudicate(new SQLException("The database has been closed", "90098", 90098)))
                .isEqualTo(SQLExceptionOverride.Override.MUST_EVICT);
        assertThat(eviction.adjudicate(new SQLException("wrapped", "HY000", 0,
                new SQLException("General error: MVStoreException: Writing failed", "HY000", 50000))))
                .isEqualTo(SQLExceptionOverride.Override.MUST_EVICT);
        assertThat(eviction.adjudicate(new SQLException("Unique index or primary key violation", "23505", 23505)))
                .isEqualTo(SQLExceptionOverride.Override.CONTINUE_EVICT);
    }

    @Test
    void the_store_works_again_at_once_after_h2_closed_the_database_under_the_pool() throws SQLException {
        try (HikariDataSource ds = DatabaseFactory.open(new DatabaseConfig(), home)) {
            DatabaseFactory.migrate(ds);
            JdbcConversationStore store = new JdbcConversationStore(ds, Clock.systemUTC());
            Conversation c = store.create("en", Optional.empty());
            store.append(c.id(), NewMessage.customer("c1", "hello"));
            // what a failed write to a full disk does: H2 closes the database under every pooled connection
            Connection any = ds.getConnection();
            try (Statement s = any.createStatement()) {
                s.execute("SHUTDOWN");
            }
            try {
                any.close();
            } catch (SQLException alreadyClosed) {
                // the pool's cleanup of a connection whose database is gone
            }

            int failures = 0;
            Optional<Conversation> found = Optional.empty();
            for (int attempt = 0; attempt < 3 && found.isEmpty(); attempt++) {
                try {
                    found = store.find(c.id());
                } catch (StoreUnavailableException e) {
                    failures++;
                }
            }
            assertThat(found).as("the store works again").isPresent();
            assertThat(failures).as("calls that failed on a connection to the closed database").isLessThanOrEqualTo(1);
            assertThat(store.append(c.id(), NewMessage.customer("c2", "still there?")).message().seq()).isEqualTo(2);
        }
    }
}
