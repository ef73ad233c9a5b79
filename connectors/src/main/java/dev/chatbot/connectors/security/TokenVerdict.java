package dev.chatbot.connectors.security;

import java.time.Instant;
import java.util.Optional;

/**
 * The outcome of checking a token: the subject it names and when it expires when valid, otherwise why it was refused
 * (for logs; clients get one generic answer so that they learn nothing about forged tokens).
 */
public record TokenVerdict(Optional<String> subject, String problem, Optional<Instant> expiresAt) {

    public static TokenVerdict valid(String subject, Instant expiresAt) {
        return new TokenVerdict(Optional.of(subject), "", Optional.of(expiresAt));
    }

    public static TokenVerdict refused(String problem) {
        return new TokenVerdict(Optional.empty(), problem, Optional.empty());
    }

    public boolean isValid() {
        return subject.isPresent();
    }
}
