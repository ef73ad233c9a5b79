package dev.chatbot.bench.conn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads another JVM's heap through {@code jcmd}: a full GC ({@code GC.run}, twice, so what is left is live), the used
 * heap from {@code GC.heap_info}, and the class histogram ({@code GC.class_histogram}), which two snapshots turn into
 * "what each extra connection holds".
 */
final class HeapProbe {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    /** One snapshot: used heap after GC, and bytes and instances per class. */
    record Snapshot(long usedBytes, Map<String, long[]> classes) {
    }

    private final String jcmd;
    private final long pid;

    HeapProbe(String jcmd, long pid) {
        this.jcmd = jcmd;
        this.pid = pid;
    }

    Snapshot snapshot() throws IOException, InterruptedException {
        run("GC.run");
        Thread.sleep(500);
        run("GC.run");
        String info = run("GC.heap_info");
        Matcher m = USED.matcher(info);
        if (!m.find()) {
            throw new IOException("no used heap in GC.heap_info: " + info);
        }
        long used = Long.parseLong(m.group(1)) * 1024;
        Map<String, long[]> classes = new HashMap<>();
        for (String line : run("GC.class_histogram").split("\n")) {
            Matcher r = ROW.matcher(line);
            if (r.find()) {
                classes.merge(r.group(3), new long[]{Long.parseLong(r.group(1)), Long.parseLong(r.group(2))},
                        (a, b) -> new long[]{a[0] + b[0], a[1] + b[1]});
            }
        }
        return new Snapshot(used, classes);
    }

    /**
     * The classes that grew most from {@code before} to {@code after}, per unit (connection): instances and bytes
     * each, largest first, and the share of the whole growth they explain.
     */
    static ArrayNode growth(Snapshot before, Snapshot after, int units, int top) {
        List<Map.Entry<String, long[]>> rows = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, long[]> e : after.classes().entrySet()) {
            long[] b = before.classes().getOrDefault(e.getKey(), new long[2]);
            long[] d = {e.getValue()[0] - b[0], e.getValue()[1] - b[1]};
            total += Math.max(0, d[1]);
            rows.add(Map.entry(e.getKey(), d));
        }
        rows.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
        ArrayNode out = JSON.createArrayNode();
        for (Map.Entry<String, long[]> r : rows.subList(0, Math.min(top, rows.size()))) {
            ObjectNode row = out.addObject();
            row.put("class", r.getKey());
            row.put("instances_per_conn", Math.round(100.0 * r.getValue()[0] / units) / 100.0);
            row.put("bytes_per_conn", Math.round(10.0 * r.getValue()[1] / units) / 10.0);
            row.put("share", total == 0 ? 0 : Math.round(1000.0 * r.getValue()[1] / total) / 1000.0);
        }
        return out;
    }

    private String run(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + command + " failed: " + out);
        }
        return out;
    }
}
