package dev.chatbot.connectors.storage;

import com.zaxxer.hikari.HikariDataSource;
import dev.chatbot.connectors.config.DatabaseConfig;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded database's commits are in its file when they return, shared between concurrent committers. A crash is
 * {@code SHUTDOWN IMMEDIATELY}, which closes the file without writing what H2 still holds in memory.
 */
class H2GroupCommitTest {

    @TempDir
    Path home;

    @Test
    void commits_through_the_pool_survive_a_crash_right_after_they_return() throws Exception {
        try (HikariDataSource ds = DatabaseFactory.open(new DatabaseConfig(), home)) {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
                s.executeUpdate("INSERT INTO t VALUES (1)"); // auto-commit
                c.setAutoCommit(false);
                s.executeUpdate("INSERT INTO t VALUES (2)");
                c.commit();
                s.executeUpdate("INSERT INTO t VALUES (3)");
                c.rollback();
            }
            crash(ds);
        }
        assertThat(rows(reopen(DatabaseFactory.embeddedUrl(home)))).containsExactly(1, 2);
    }

    @Test
    void without_group_commit_the_same_crash_loses_commits_that_h2_kept_in_memory() throws Exception {
        // the control: proves the crash above really drops what was not yet written
        String url = DatabaseFactory.embeddedUrl(home) + ";WRITE_DELAY=60000";
        DataSource plain = reopen(url);
        try (Connection setup = plain.getConnection(); Statement s = setup.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            s.execute("CHECKPOINT");
            s.executeUpdate("INSERT INTO t VALUES (1)");
            s.execute("SHUTDOWN IMMEDIATELY");
        } catch (SQLException closedByShutdown) {
            // the connection goes with the database
        }
        assertThat(rows(reopen(DatabaseFactory.embeddedUrl(home)))).isEmpty();
    }

    @Test
    void concurrent_commits_share_file_writes_and_all_survive_a_crash() throws Exception {
        int threads = 8;
        int each = 40;
        long waits;
        long checkpoints;
        try (HikariDataSource ds = DatabaseFactory.open(new DatabaseConfig(), home)) {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            }
            H2GroupCommit group = ds.unwrap(GroupCommitDataSource.class).group();
            long waitsBefore = group.waits();
            long checkpointsBefore = group.checkpoints();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                            c.setAutoCommit(false);
                            s.executeUpdate("INSERT INTO t VALUES (" + (thread * 1000 + i) + ")");
                            c.commit();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            waits = group.waits() - waitsBefore;
            checkpoints = group.checkpoints() - checkpointsBefore;
            crash(ds);
        }
        assertThat(rows(reopen(DatabaseFactory.embeddedUrl(home)))).hasSize(threads * each);
        assertThat(waits).isEqualTo(threads * each);
        assertThat(checkpoints).as("file writes for %d commits", waits).isLessThan(waits);
    }

    private static void crash(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN IMMEDIATELY");
        } catch (SQLException closedByShutdown) {
            // the connection goes with the database
        }
    }

    private static DataSource reopen(String url) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        return h2;
    }

    private static List<Integer> rows(DataSource ds) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'T'")) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    s.execute("SHUTDOWN");
                    return out;
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id FROM t ORDER BY id")) {
                while (rs.next()) {
                    out.add(rs.getInt(1));
                }
            }
            s.execute("SHUTDOWN");
        }
        return out;
    }
}
