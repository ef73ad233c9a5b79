package dev.chatbot.connectors.auth;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Builds the account store and the password hasher from configuration. */
@Factory
public class AuthFactory {

    @Singleton
    public UserStore userStore(HikariDataSource dataSource, Clock clock) {
        return new JdbcUserStore(dataSource, clock);
    }

    @Singleton
    public PasswordHasher passwordHasher(AuthConfig config) {
        return new Pbkdf2PasswordHasher(config.getPasswordIterations());
    }
}
