package dev.chatbot.nlp.cli;

/** Bad command-line arguments; the message says what is wrong. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
