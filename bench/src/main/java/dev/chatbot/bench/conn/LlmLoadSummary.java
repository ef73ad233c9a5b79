package dev.chatbot.bench.conn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Prints bench/llm-load.sh's three runs side by side: the round trips of the customers who did not need the LLM
 * (with the LLM off, on, and on the ceiling), the LLM askers' round trips and what they were told, and what the slow
 * model double saw. Usage: {@code LlmLoadSummary RESULTS_DIR STAMP}.
 */
public final class LlmLoadSummary {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LlmLoadSummary() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String stamp = args[1];
        System.out.println("| run | load average | non-LLM turns | non-LLM reply p50 / p99 (ms) | ratio to ceiling p50 / p99 | LLM questions "
                + "| LLM reply p50 / p99 (ms) | LLM askers were told | errors |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        JsonNode ceiling = read(dir.resolve("llm-ceiling-" + stamp + ".json"));
        List<String> runs = new java.util.ArrayList<>();
        try (var files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("llm-server-") && n.endsWith("-" + stamp + ".json"))
                    .map(n -> n.substring(4, n.length() - stamp.length() - 6)).sorted().forEach(runs::add);
        }
        runs.add("ceiling");
        java.util.Map<String, String> loads = new java.util.HashMap<>();
        Path loadFile = dir.resolve("llm-loadavg-" + stamp + ".txt");
        if (Files.exists(loadFile)) {
            for (String line : Files.readAllLines(loadFile)) {
                String[] p = line.split(" ");
                if (p.length == 3) {
                    loads.put(p[0], p[1] + " → " + p[2]);
                }
            }
        }
        for (String run : runs) {
            JsonNode r = read(dir.resolve("llm-" + run + "-" + stamp + ".json"));
            if (r == null) {
                System.out.println("| " + run + " | (no result) |");
                continue;
            }
            JsonNode bot = r.path("bot_reply_ms");
            JsonNode llm = r.path("llm_reply_ms");
            StringBuilder told = new StringBuilder();
            long errors = 0;
            for (var e : r.path("counters").properties()) {
                if (e.getKey().startsWith("llm_reply_")) {
                    // what the timed askers were told: the warm-up's answers are taken out
                    long timed = e.getValue().asLong() - r.path("warmup_counters").path(e.getKey()).asLong();
                    if (timed > 0) {
                        told.append(told.isEmpty() ? "" : ", ").append(e.getKey().substring(10)).append(' ')
                                .append(timed);
                    }
                }
                if (e.getKey().startsWith("error_") || List.of("unanswered", "unacked", "closed_by_server",
                        "stored_twice", "seq_missing", "seq_out_of_order", "open_failed").contains(e.getKey())) {
                    errors += e.getValue().asLong();
                }
            }
            String ratio = ceiling == null ? "-" : String.format(Locale.ROOT, "%.1f / %.1f",
                    bot.path("p50").asDouble() / ceiling.path("bot_reply_ms").path("p50").asDouble(),
                    bot.path("p99").asDouble() / ceiling.path("bot_reply_ms").path("p99").asDouble());
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %.1f / %.1f | %s | %d | %.0f / %.0f | %s | %d |%n", run,
                    loads.getOrDefault(run, "-"),
                    bot.path("count").asLong(), bot.path("p50").asDouble(), bot.path("p99").asDouble(), ratio,
                    llm.path("count").asLong(), llm.path("p50").asDouble(), llm.path("p99").asDouble(),
                    told.isEmpty() ? "-" : told, errors);
        }
        System.out.println();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("llm-double-stats-")
                    && f.getFileName().toString().endsWith(stamp + ".json")).sorted().toList()) {
                System.out.println("model double after " + f.getFileName() + ": " + read(f));
            }
        }
    }

    private static JsonNode read(Path file) throws java.io.IOException {
        return Files.exists(file) ? JSON.readTree(file.toFile()) : null;
    }
}
