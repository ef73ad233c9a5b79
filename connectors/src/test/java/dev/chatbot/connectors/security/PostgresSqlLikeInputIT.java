package dev.chatbot.connectors.security;

import dev.chatbot.connectors.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.Map;

/** {@link SqlLikeInputContract} on PostgreSQL, selected by configuration only. */
class PostgresSqlLikeInputIT extends SqlLikeInputContract {

    private static Postgres pg;

    @BeforeAll
    static void start() {
        pg = Postgres.createDatabase();
        Map<String, Object> settings = settings();
        settings.put("chatbot.database.url", pg.url());
        settings.put("chatbot.database.username", pg.user());
        settings.put("chatbot.database.password", pg.password());
        begin(settings);
    }

    @AfterAll
    static void dropDatabase() {
        end();
        server = null;
        pg.close();
    }
}
