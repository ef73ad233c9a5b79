package dev.chatbot.connectors.security;

import org.junit.jupiter.api.BeforeAll;

/** {@link SqlLikeInputContract} on the embedded H2 database (the default). */
class H2SqlLikeInputIT extends SqlLikeInputContract {

    @BeforeAll
    static void start() {
        begin(settings());
    }
}
