package dev.chatbot.connectors;

import dev.chatbot.connectors.gateway.ChatConnections;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The launcher's entry point: {@code serve} starts the server; {@code train}, {@code evaluate} and
 * {@code validate} run the language tools. Bad arguments print a clear message and exit with code 2.
 */
public final class Main {

    static final int BAD_USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code >= 0) {
            System.exit(code);
        }
    }

    /** Runs a command; returns its exit code, or -1 when the server was started and keeps running. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("usage: chatbot serve|train|evaluate|validate [options]");
            return BAD_USAGE;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "serve" -> serve(rest, err);
            case "train", "evaluate", "validate" -> LanguageTools.run(args, out, err);
            default -> {
                err.println("chatbot: unknown command '" + args[0] + "' (expected serve, train, evaluate or validate)");
                yield BAD_USAGE;
            }
        };
    }

    private static int serve(String[] args, PrintStream err) {
        List<String> properties = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                err.println("chatbot serve: option " + option + " needs a value");
                return BAD_USAGE;
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> {
                    if (!value.matches("\\d{1,5}") || Integer.parseInt(value) > 65535) {
                        err.println("chatbot serve: --port must be a number from 0 to 65535, not '" + value + "'");
                        return BAD_USAGE;
                    }
                    properties.add("-micronaut.server.port=" + value);
                }
                case "--data" -> {
                    if (!Files.isDirectory(Path.of(value))) {
                        err.println("chatbot serve: --data " + value + " is not a folder");
                        return BAD_USAGE;
                    }
                    properties.add("-chatbot.data-dir=" + Path.of(value).toAbsolutePath().normalize());
                }
                case "--home" -> properties.add("-chatbot.home=" + Path.of(value).toAbsolutePath().normalize());
                default -> {
                    err.println("chatbot serve: unknown option '" + option + "' (expected --port, --data, --home)");
                    return BAD_USAGE;
                }
            }
        }
        startServer(properties.toArray(String[]::new), err);
        return -1;
    }

    /**
     * Starts the context and the HTTP server with our own shutdown hook, so that on SIGTERM the chat sockets are closed
     * with 1001 first (widgets then reconnect and resume) and only then the server stops accepting and closes the rest.
     */
    private static void startServer(String[] properties, PrintStream err) {
        ApplicationContext context;
        EmbeddedServer server;
        try {
            context = ApplicationContext.builder().args(properties).mainClass(Main.class).banner(false).start();
            server = context.getBean(EmbeddedServer.class).start();
        } catch (RuntimeException e) {
            err.println("chatbot serve: cannot start: " + rootMessage(e));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                context.getBean(ChatConnections.class).shutdownGracefully().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // shutting down anyway
            }
            server.stop();
            if (context.isRunning()) {
                context.close();
            }
        }, "chatbot-shutdown"));
        System.out.println("chatbot: serving on " + server.getURL() + " (home " + context.getProperty("chatbot.home", String.class).orElse("var") + ")");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
