/**
 * The {@code train}, {@code evaluate} and {@code validate} commands of contracts section 1, as
 * {@link dev.chatbot.nlp.cli.NluCommands#run} for the launcher's main class to dispatch to: argument
 * parsing, progress display, clear messages on the error stream and exit code 2 for bad arguments or data.
 */
package dev.chatbot.nlp.cli;
