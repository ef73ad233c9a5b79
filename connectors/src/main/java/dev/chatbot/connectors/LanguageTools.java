package dev.chatbot.connectors;

import dev.chatbot.core.handler.Handlers;
import dev.chatbot.nlp.cli.NluCommands;

import java.io.PrintStream;

/**
 * Dispatches {@code train}, {@code evaluate} and {@code validate} to the language layer's commands, telling the
 * validator which rule handlers this server has (so that {@code handler: refnud_request} is an error).
 */
final class LanguageTools {

    private LanguageTools() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return new NluCommands().run(args, out, err, Handlers.names());
    }
}
