package dev.chatbot.connectors;

import java.io.PrintStream;

/** Dispatches {@code train}, {@code evaluate} and {@code validate} to the language layer's commands. */
final class LanguageTools {

    private LanguageTools() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("chatbot " + args[0] + ": the language tools are not part of this build yet");
        return 1;
    }
}
