package dev.chatbot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints one row of {@code bench/gatling-vs-own-client.sh}'s table from one client's output: {@code ChatLoad}'s JSON
 * report, or the folder of Gatling's HTML report (its page for the timed "bot answer" checks).
 *
 * <pre>
 * ClientComparison chatload USERS REPORT.json CPU_SECONDS LOAD
 * ClientComparison gatling USERS REPORT_FOLDER CPU_SECONDS LOAD RUN_SECONDS
 * </pre>
 */
public final class ClientComparison {

    private ClientComparison() {
    }

    public static void main(String[] args) throws IOException {
        String kind = args[0];
        int users = Integer.parseInt(args[1]);
        double cpuSeconds = Double.parseDouble(args[3]);
        String load = args[4];
        Row row = kind.equals("gatling")
                ? gatling(Path.of(args[2]), Double.parseDouble(args[5]))
                : chatLoad(new ObjectMapper().readTree(Path.of(args[2]).toFile()));
        System.out.println(row.format(users, kind.equals("gatling") ? "Gatling 3.15 (WebSocket)" : "ChatLoad (java.net.http)",
                cpuSeconds, load));
    }

    /** One client's result. */
    record Row(long turns, double turnsPerSecond, String p50, String p99, long errors) {
        String format(int users, String client, double cpuSeconds, String load) {
            String cpu = cpuSeconds < 0 || turns == 0 ? "-" : String.format(Locale.ROOT, "%.3f", cpuSeconds * 1000 / turns);
            return String.format(Locale.ROOT, "| %d | %s | %,.1f | %s / %s | %s | %d | %s |", users, client, turnsPerSecond,
                    p50, p99, cpu, errors, load);
        }
    }

    static Row chatLoad(JsonNode report) {
        JsonNode reply = report.path("reply_ms");
        return new Row(report.path("turns").asLong(), report.path("turns_per_second").asDouble(),
                reply.path("p50").asText("-"), reply.path("p99").asText("-"), report.path("errors").asLong());
    }

    /**
     * The timed "bot answer" checks of a Gatling run: count, failures and percentiles from the request's page of the
     * HTML report under {@code reportDir} (the console's global figures mix in the sends, which take no time).
     */
    static Row gatling(Path reportDir, double runSeconds) throws IOException {
        Path page;
        try (var files = Files.walk(reportDir)) {
            page = files.filter(f -> f.getFileName().toString().startsWith("req_bot-answer")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no bot answer page under " + reportDir));
        }
        String html = Files.readString(page);
        long ok = cell(html, "Total count", "ok");
        long ko = cell(html, "Total count", "ko");
        return new Row(ok, ok / runSeconds, String.valueOf(cell(html, "50th percentile", "ok")),
                String.valueOf(cell(html, "99th percentile", "ok")), ko);
    }

    private static long cell(String html, String title, String column) {
        Matcher m = Pattern.compile(Pattern.quote(title) + "</td>\\s*<td class=\"total\">[^<]*</td>\\s*<td class=\"ok\">([^<]*)</td>"
                + "\\s*<td class=\"ko\">([^<]*)</td>").matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no '" + title + "' in the report");
        }
        String value = column.equals("ok") ? m.group(1) : m.group(2);
        return value.strip().equals("-") ? 0 : number(value.strip());
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }
}
