package dev.chatbot.connectors.security;

import java.util.Optional;

/**
 * The outcome of checking a token: the subject it names when valid, otherwise why it was refused (for logs;
 * clients get one generic answer so that they learn nothing about forged tokens).
 */
public record TokenVerdict(Optional<String> subject, String problem) {

    public static TokenVerdict valid(String subject) {
        return new TokenVerdict(Optional.of(subject), "");
    }

    public static TokenVerdict refused(String problem) {
        return new TokenVerdict(Optional.empty(), problem);
    }

    public boolean isValid() {
        return subject.isPresent();
    }
}
