package dev.chatbot.connectors.security;

import dev.chatbot.connectors.config.ChatbotConfig;
import dev.chatbot.connectors.config.SecurityConfig;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret that signs tokens. Taken from {@code chatbot.security.token-secret} when set (required when several
 * nodes share the load); otherwise generated once and kept in {@code <home>/secrets/token.key}, readable only by
 * its owner, so that tokens survive a restart. The key itself is never logged.
 */
@Singleton
public final class SigningKey {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKey.class);
    private static final int MIN_SECRET_LENGTH = 32;

    private final byte[] key;

    public SigningKey(SecurityConfig security, ChatbotConfig chatbot) {
        this.key = security.getTokenSecret()
                .map(SigningKey::fromConfig)
                .orElseGet(() -> loadOrCreate(chatbot.homeDir().resolve("secrets").resolve("token.key")));
    }

    SigningKey(byte[] key) {
        this.key = key.clone();
    }

    byte[] bytes() {
        return key.clone();
    }

    private static byte[] fromConfig(String secret) {
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("chatbot.security.token-secret must be at least "
                    + MIN_SECRET_LENGTH + " characters long");
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                byte[] k = Base64.getDecoder().decode(Files.readString(file).strip());
                if (k.length < MIN_SECRET_LENGTH) {
                    throw new IllegalStateException("the key in " + file + " is too short; delete it to make a new one");
                }
                return k;
            }
            Files.createDirectories(file.getParent());
            byte[] k = new byte[48];
            new SecureRandom().nextBytes(k);
            Path tmp = file.resolveSibling("token.key.tmp");
            Files.writeString(tmp, Base64.getEncoder().encodeToString(k), StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the folder's permissions apply
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            LOG.atInfo().addKeyValue("file", file).log("generated a new token signing key");
            return k;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the token key " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the token key in " + file + " is not valid base64", e);
        }
    }
}
