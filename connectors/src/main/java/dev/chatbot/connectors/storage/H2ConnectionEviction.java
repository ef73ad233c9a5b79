package dev.chatbot.connectors.storage;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.SQLExceptionOverride;

import java.sql.SQLException;

/**
 * Tells the connection pool to drop its embedded H2 connections after an error that closed the database under them.
 * When H2 cannot write its file (a full disk) it closes the database; every open connection then fails each call with
 * "The database has been closed" while still looking valid, so the pool would hand them out forever and the server
 * would not recover when space is back. On such an error the failing connection is dropped and the others are retired
 * (idle ones at once, busy ones when returned); new connections open the file again.
 */
final class H2ConnectionEviction implements SQLExceptionOverride {

    /** H2's codes for "the database has been closed", "called at shutdown" and a general (file or store) error. */
    private static final int DATABASE_IS_CLOSED = 90098;
    private static final int DATABASE_CALLED_AT_SHUTDOWN = 90121;
    private static final int GENERAL_ERROR = 50000;

    private volatile HikariDataSource pool;

    /** The pool whose connections to retire (it is created after its configuration, hence not in the constructor). */
    void watch(HikariDataSource pool) {
        this.pool = pool;
    }

    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && (s.getErrorCode() == DATABASE_IS_CLOSED
                    || s.getErrorCode() == DATABASE_CALLED_AT_SHUTDOWN || s.getErrorCode() == GENERAL_ERROR)) {
                HikariDataSource p = pool;
                HikariPoolMXBean mx = p == null ? null : p.getHikariPoolMXBean();
                if (mx != null) {
                    mx.softEvictConnections();
                }
                return SQLExceptionOverride.Override.MUST_EVICT;
            }
        }
        return SQLExceptionOverride.Override.CONTINUE_EVICT;
    }
}
