package dev.chatbot.bench.ceiling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Prints one row of {@code bench/turns-vs-ceiling.sh}'s table from two {@code ChatLoad} reports taken back to back
 * with the same settings: the ceiling's and the real server's, and the server's as a ratio to the ceiling.
 *
 * <pre>
 * CeilingComparison --ceiling ceiling.json --server server.json --load "1.2 -> 3.4" --commit abc1234 [--header]
 * </pre>
 */
public final class CeilingComparison {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CeilingComparison() {
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--header")) {
            System.out.println(header());
            return;
        }
        JsonNode ceiling = JSON.readTree(Files.readString(Path.of(option(args, "--ceiling"))));
        JsonNode server = JSON.readTree(Files.readString(Path.of(option(args, "--server"))));
        System.out.println(row(ceiling, server, option(args, "--load"), option(args, "--commit")));
    }

    static String header() {
        return "| users | ceiling turns/s | server turns/s | ratio | ceiling reply p50 / p99 (ms) "
                + "| server reply p50 / p99 (ms) | server-side turn p50 / p95 / p99 (ms) | server-side ack p50 / p99 (ms) "
                + "| CPU ms/turn: ceiling, server, client | errors (ceiling / server) | load before -> after | commit |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|";
    }

    static String row(JsonNode ceiling, JsonNode server, String load, String commit) {
        double c = ceiling.path("turns_per_second").asDouble();
        double s = server.path("turns_per_second").asDouble();
        JsonNode side = server.path("server_side");
        String turn = side.has("turn_ms")
                ? f(side.path("turn_ms").path("p50")) + " / " + f(side.path("turn_ms").path("p95")) + " / "
                        + f(side.path("turn_ms").path("p99"))
                : "n/a";
        String ack = side.has("ack_ms")
                ? f(side.path("ack_ms").path("p50")) + " / " + f(side.path("ack_ms").path("p99"))
                : "n/a";
        return "| " + server.path("users").asInt()
                + " | " + String.format(Locale.ROOT, "%,.1f", c)
                + " | " + String.format(Locale.ROOT, "%,.1f", s)
                + " | " + (c > 0 ? String.format(Locale.ROOT, "%.3f", s / c) : "n/a")
                + " | " + f(ceiling.path("reply_ms").path("p50")) + " / " + f(ceiling.path("reply_ms").path("p99"))
                + " | " + f(server.path("reply_ms").path("p50")) + " / " + f(server.path("reply_ms").path("p99"))
                + " | " + turn
                + " | " + ack
                + " | " + f(ceiling.path("cpu_ms_per_turn").path("server")) + ", "
                + f(server.path("cpu_ms_per_turn").path("server")) + ", " + f(server.path("cpu_ms_per_turn").path("client"))
                + " | " + ceiling.path("errors").asLong() + " / " + server.path("errors").asLong()
                + " | " + load
                + " | " + commit + " |";
    }

    private static String f(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? "n/a" : String.format(Locale.ROOT, "%.2f", n.asDouble());
    }

    private static String option(String[] args, String name) {
        int i = Arrays.asList(args).indexOf(name);
        if (i < 0 || i + 1 >= args.length) {
            throw new IllegalArgumentException("missing " + name);
        }
        return args[i + 1];
    }
}
