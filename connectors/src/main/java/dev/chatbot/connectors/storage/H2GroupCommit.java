package dev.chatbot.connectors.storage;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for the embedded H2 database: a transaction that changed data returns from {@code commit()} only once
 * its changes are written to the database file, as with H2's {@code WRITE_DELAY=0}, but the transactions that commit
 * while one write is under way share the next write instead of writing one file chunk each.
 *
 * <p>H2 (MVStore) keeps committed changes in memory until it stores a chunk; {@code WRITE_DELAY=0} stores a chunk at
 * every commit, which serialises every changed page of every commit. Here H2 keeps its background writer, and each
 * committer takes a ticket and waits until a {@code CHECKPOINT} (which stores everything committed so far) has
 * started after its ticket and finished. The first waiter finding no checkpoint under way runs it (leader and
 * followers, no thread of its own); everyone who committed meanwhile is covered by the next one. Like
 * {@code WRITE_DELAY=0}, this survives the death of the process, not of the operating system (no {@code fsync}).
 */
final class H2GroupCommit {

    private final DataSource h2;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();
    private long lastTicket;
    private long writtenUpTo;
    private long failedUpTo;
    private SQLException failure;
    private boolean writing;
    /** Only the current leader uses it. */
    private Connection checkpoints;
    private final LongAdder waits = new LongAdder();
    private final LongAdder checkpointsRun = new LongAdder();

    /** @param h2 unpooled connections to the same database (CHECKPOINT needs its own connection) */
    H2GroupCommit(DataSource h2) {
        this.h2 = h2;
    }

    /**
     * Returns once everything this thread committed before the call is in the database file.
     *
     * @throws SQLException when the write failed (a full disk, a closed database); the transaction may or may not
     *                      survive a restart, as when a commit with {@code WRITE_DELAY=0} fails
     */
    void awaitWritten() throws SQLException {
        waits.increment();
        lock.lock();
        try {
            long ticket = ++lastTicket;
            while (writtenUpTo < ticket) {
                if (failedUpTo >= ticket) {
                    throw new SQLException("the database file could not be written: " + failure.getMessage(),
                            failure.getSQLState(), failure.getErrorCode(), failure);
                }
                if (writing) {
                    written.awaitUninterruptibly();
                    continue;
                }
                writing = true;
                long covers = lastTicket; // every ticket taken so far committed before this checkpoint starts
                lock.unlock();
                SQLException error = null;
                try {
                    checkpoint();
                } catch (SQLException e) {
                    error = e;
                } catch (RuntimeException e) {
                    error = new SQLException("checkpoint failed: " + e, e);
                } finally {
                    lock.lock();
                    writing = false;
                    if (error == null) {
                        writtenUpTo = Math.max(writtenUpTo, covers);
                    } else {
                        failedUpTo = Math.max(failedUpTo, covers);
                        failure = error;
                    }
                    written.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void checkpoint() throws SQLException {
        checkpointsRun.increment();
        try {
            if (checkpoints == null || checkpoints.isClosed()) {
                checkpoints = h2.getConnection();
            }
            try (Statement s = checkpoints.createStatement()) {
                s.execute("CHECKPOINT");
            }
        } catch (SQLException e) {
            Connection broken = checkpoints;
            checkpoints = null;
            if (broken != null) {
                try {
                    broken.close();
                } catch (SQLException ignored) {
                    // it is being replaced
                }
            }
            throw e;
        }
    }

    /** Commits that waited for the file, and checkpoints run for them: their ratio is the group size. */
    long waits() {
        return waits.sum();
    }

    long checkpoints() {
        return checkpointsRun.sum();
    }
}
