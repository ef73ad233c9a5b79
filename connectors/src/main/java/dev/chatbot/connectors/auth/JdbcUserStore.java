package dev.chatbot.connectors.auth;

import dev.chatbot.core.port.StoreUnavailableException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link UserStore} on plain JDBC (table {@code staff_users}), for H2 and PostgreSQL alike. */
public final class JdbcUserStore implements UserStore {

    private static final String COLUMNS = "username, display_name, role, password_hash, enabled, failed_attempts, "
            + "locked_until, token_version, created_at, last_login_at";

    private final DataSource dataSource;
    private final Clock clock;

    public JdbcUserStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public Optional<StaffUser> find(String username) {
        return run(c -> find(c, username, false));
    }

    private static Optional<StaffUser> find(Connection c, String username, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM staff_users WHERE username = ?"
                + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    @Override
    public List<StaffUser> list() {
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM staff_users ORDER BY CASE WHEN role = 'admin' THEN 0 ELSE 1 END, username");
                 ResultSet rs = ps.executeQuery()) {
                List<StaffUser> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(read(rs));
                }
                return out;
            }
        });
    }

    @Override
    public boolean create(String username, String displayName, StaffRole role, String passwordHash) {
        return run(c -> {
            if (find(c, username, false).isPresent()) {
                return false;
            }
            OffsetDateTime now = now();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO staff_users (username, display_name, role, "
                    + "password_hash, enabled, failed_attempts, token_version, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, TRUE, 0, 0, ?, ?)")) {
                ps.setString(1, username);
                ps.setString(2, displayName);
                ps.setString(3, role.wireName());
                ps.setString(4, passwordHash);
                ps.setObject(5, now);
                ps.setObject(6, now);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (find(c, username, false).isPresent() || isDuplicate(e)) {
                    return false; // created by someone else at the same moment
                }
                throw e;
            }
            return true;
        });
    }

    @Override
    public void update(String username, String displayName, StaffRole role) {
        execute("UPDATE staff_users SET display_name = ?, role = ?, updated_at = ? WHERE username = ?",
                displayName, role.wireName(), now(), username);
    }

    @Override
    public void setEnabled(String username, boolean enabled) {
        execute("UPDATE staff_users SET enabled = ?, failed_attempts = 0, locked_until = NULL, "
                + "token_version = token_version + ?, updated_at = ? WHERE username = ?",
                enabled, enabled ? 0 : 1, now(), username);
    }

    @Override
    public void setPassword(String username, String passwordHash) {
        execute("UPDATE staff_users SET password_hash = ?, failed_attempts = 0, locked_until = NULL, "
                + "token_version = token_version + 1, updated_at = ? WHERE username = ?", passwordHash, now(), username);
    }

    @Override
    public void rehash(String username, String passwordHash) {
        execute("UPDATE staff_users SET password_hash = ? WHERE username = ?", passwordHash, username);
    }

    @Override
    public void unlock(String username) {
        execute("UPDATE staff_users SET failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE username = ?",
                now(), username);
    }

    @Override
    public void bumpTokenVersion(String username) {
        execute("UPDATE staff_users SET token_version = token_version + 1 WHERE username = ?", username);
    }

    @Override
    public Optional<Instant> recordFailure(String username, int maxAttempts, Duration lockout, Instant now) {
        return run(c -> {
            Optional<StaffUser> user = find(c, username, true);
            if (user.isEmpty()) {
                return Optional.empty();
            }
            int attempts = user.get().failedAttempts() + 1;
            Optional<Instant> lockedUntil = Optional.empty();
            if (attempts >= maxAttempts) {
                lockedUntil = Optional.of(now.plus(lockout).truncatedTo(ChronoUnit.MICROS));
                attempts = 0;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE staff_users SET failed_attempts = ?, locked_until = COALESCE(?, locked_until) WHERE username = ?")) {
                ps.setInt(1, attempts);
                ps.setObject(2, lockedUntil.map(t -> OffsetDateTime.ofInstant(t, ZoneOffset.UTC)).orElse(null),
                        java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setString(3, username);
                ps.executeUpdate();
            }
            return lockedUntil;
        });
    }

    @Override
    public void recordSuccess(String username, Instant now) {
        execute("UPDATE staff_users SET failed_attempts = 0, locked_until = NULL, last_login_at = ? WHERE username = ?",
                OffsetDateTime.ofInstant(now.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC), username);
    }

    @Override
    public int countEnabledAdmins() {
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM staff_users WHERE role = 'admin' AND enabled = TRUE");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    private static StaffUser read(ResultSet rs) throws SQLException {
        return new StaffUser(
                rs.getString("username"),
                rs.getString("display_name"),
                StaffRole.fromWire(rs.getString("role")).orElseThrow(() -> new SQLException("unknown role")),
                rs.getString("password_hash"),
                rs.getBoolean("enabled"),
                rs.getInt("failed_attempts"),
                Optional.ofNullable(rs.getObject("locked_until", OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                rs.getInt("token_version"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                Optional.ofNullable(rs.getObject("last_login_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant));
    }

    private static boolean isDuplicate(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("23");
    }

    private void execute(String sql, Object... args) {
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                ps.executeUpdate();
            }
            return null;
        });
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T run(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the original failure is what matters
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("user store failed: " + e.getMessage(), e);
        }
    }
}
