package dev.chatbot.connectors.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Throwaway databases on the PostgreSQL server of the machine ({@code CHATBOT_TEST_PG_URL}, default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres} as user {@code postgres}). Each test class gets a fresh
 * database, dropped afterwards.
 */
public final class Postgres implements AutoCloseable {

    private static final String ADMIN_URL = System.getenv().getOrDefault("CHATBOT_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = System.getenv().getOrDefault("CHATBOT_TEST_PG_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("CHATBOT_TEST_PG_PASSWORD", "");

    private final String name;

    private Postgres(String name) {
        this.name = name;
    }

    public static Postgres createDatabase() {
        String name = "chatbot_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        exec("CREATE DATABASE " + name);
        return new Postgres(name);
    }

    public String url() {
        return ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    private static void exec(String sql) {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + ADMIN_URL + " is required for this test: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
