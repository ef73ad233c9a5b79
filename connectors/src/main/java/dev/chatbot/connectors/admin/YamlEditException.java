package dev.chatbot.connectors.admin;

/** A YAML text that cannot be read or edited in place; {@link #line()} is 1-based, or 0 when unknown. */
final class YamlEditException extends RuntimeException {

    private final int line;

    YamlEditException(String message) {
        this(message, 0);
    }

    YamlEditException(String message, int line) {
        super(message, null, false, false);
        this.line = line;
    }

    int line() {
        return line;
    }
}
