package dev.chatbot.nlp.data;

import java.util.Objects;

/**
 * One problem found in a training-data folder, with the file and line it is about.
 *
 * @param severity {@link Severity#ERROR} fails validation and training; {@link Severity#WARNING} does not
 * @param source   file and line (line 0 when the problem concerns a whole file or folder)
 * @param message  what is wrong, written for the admin who edits the file
 */
public record ValidationProblem(Severity severity, SourceRef source, String message) {

    /** How bad a problem is. */
    public enum Severity { ERROR, WARNING }

    public ValidationProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }

    public static ValidationProblem error(SourceRef source, String message) {
        return new ValidationProblem(Severity.ERROR, source, message);
    }

    public static ValidationProblem warning(SourceRef source, String message) {
        return new ValidationProblem(Severity.WARNING, source, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code intents/greet.yml:4: error: ...}, the form the command line prints. */
    @Override
    public String toString() {
        return source + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
    }
}
