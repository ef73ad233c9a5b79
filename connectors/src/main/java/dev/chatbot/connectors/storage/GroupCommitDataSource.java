package dev.chatbot.connectors.storage;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;

/**
 * The embedded H2 database's connections as the pool sees them: every change is in the database file before the
 * call that made it durable returns ({@code commit()}, or the statement itself in auto-commit mode), through
 * {@link H2GroupCommit}. Reads and rolled-back work wait for nothing. Every JDBC store gets this without knowing it.
 */
final class GroupCommitDataSource implements DataSource {

    private final DataSource h2;
    private final H2GroupCommit group;

    GroupCommitDataSource(DataSource h2, H2GroupCommit group) {
        this.h2 = h2;
        this.group = group;
    }

    H2GroupCommit group() {
        return group;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(h2.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(h2.getConnection(username, password));
    }

    private Connection wrap(Connection real) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                new ConnectionHandler(real));
    }

    /** Remembers whether the open transaction changed anything, and waits for the file when it commits. */
    private final class ConnectionHandler implements InvocationHandler {
        private final Connection real;
        private boolean changed;
        private Connection self;

        ConnectionHandler(Connection real) {
            this.real = real;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            self = (Connection) proxy;
            String name = method.getName();
            Object result = call(real, method, args);
            switch (name) {
                case "commit" -> durable();
                case "rollback" -> {
                    if (args == null || args.length == 0) {
                        changed = false;
                    }
                }
                case "setAutoCommit" -> {
                    if (Boolean.TRUE.equals(args[0])) {
                        durable(); // switching auto-commit on commits the open transaction
                    }
                }
                case "createStatement" -> result = statement(Statement.class, result);
                case "prepareStatement" -> result = statement(PreparedStatement.class, result);
                case "prepareCall" -> result = statement(CallableStatement.class, result);
                default -> { }
            }
            return result;
        }

        private void durable() throws SQLException {
            if (changed) {
                changed = false;
                group.awaitWritten();
            }
        }

        private Object statement(Class<?> type, Object target) {
            return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{type},
                    (proxy, method, args) -> {
                        String name = method.getName();
                        if (name.equals("getConnection")) {
                            return self;
                        }
                        Object result = call(target, method, args);
                        boolean changes = name.startsWith("execute") && !name.equals("executeQuery")
                                && !(name.equals("execute") && Boolean.TRUE.equals(result));
                        if (changes && real.isClosed()) {
                            return result; // SHUTDOWN: H2 wrote everything and closed the database
                        }
                        if (changes) {
                            changed = true;
                            if (real.getAutoCommit()) {
                                durable();
                            }
                        }
                        return result;
                    });
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return h2.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        h2.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        h2.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return h2.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return h2.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return h2.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || h2.isWrapperFor(iface);
    }
}
