package dev.chatbot.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns a Gatling run of {@code WidgetTurnsSimulation} into a report shaped like {@code ChatLoad}'s, so that
 * {@code bench/turns-vs-ceiling.sh} with {@code BENCH_CLIENT=gatling} prints the same table: turns and turns/s (timed bot
 * answers over the run's seconds), reply p50/p99 (of the timed bot answers, whole milliseconds), errors (failed
 * checks), CPU per turn of the client and the server process (CPU seconds measured by the script over the run), and,
 * given two reads of the server's {@code GET /metrics}, the server-side turn and ack percentiles between them.
 *
 * <pre>
 * GatlingReport USERS SECONDS REPORT_FOLDER CLIENT_CPU_S SERVER_CPU_S [METRICS_BEFORE METRICS_AFTER]
 * </pre>
 */
public final class GatlingReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GatlingReport() {
    }

    public static void main(String[] args) throws IOException {
        int users = Integer.parseInt(args[0]);
        double seconds = Double.parseDouble(args[1]);
        ClientComparison.Row row = ClientComparison.gatling(Path.of(args[2]), seconds);
        double clientCpu = Double.parseDouble(args[3]);
        double serverCpu = Double.parseDouble(args[4]);
        ObjectNode out = JSON.createObjectNode();
        out.put("client", "gatling");
        out.put("users", users);
        out.put("seconds", seconds);
        out.put("turns", row.turns());
        out.put("turns_per_second", Math.round(row.turnsPerSecond() * 10) / 10.0);
        ObjectNode reply = out.putObject("reply_ms");
        reply.put("p50", number(row.p50()));
        reply.put("p99", number(row.p99()));
        if (args.length >= 7) {
            ChatLoad.ServerHistograms before = ChatLoad.ServerHistograms.parse(Files.readString(Path.of(args[5])));
            ChatLoad.ServerHistograms after = ChatLoad.ServerHistograms.parse(Files.readString(Path.of(args[6])));
            ObjectNode side = out.putObject("server_side");
            side.set("turn_ms", after.minus(before, "chatbot_gateway_bot_turn_seconds"));
            side.set("ack_ms", after.minus(before, "chatbot_gateway_ack_seconds"));
        }
        ObjectNode cpu = out.putObject("cpu_ms_per_turn");
        cpu.put("client", perTurn(clientCpu, row.turns()));
        cpu.put("server", perTurn(serverCpu, row.turns()));
        out.put("errors", row.errors());
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out));
    }

    private static double number(String text) {
        return text.equals("-") ? -1 : Double.parseDouble(text.replace(",", ""));
    }

    private static double perTurn(double cpuSeconds, long turns) {
        return cpuSeconds < 0 || turns == 0 ? -1 : Math.round(cpuSeconds * 1000 / turns * 1000) / 1000.0;
    }
}
