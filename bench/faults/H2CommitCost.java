import dev.chatbot.connectors.config.DatabaseConfig;
import dev.chatbot.connectors.storage.DatabaseFactory;
import dev.chatbot.connectors.storage.JdbcConversationStore;
import dev.chatbot.core.conversation.Conversation;
import dev.chatbot.core.conversation.NewMessage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What storing a message costs on the embedded H2 database with the server's settings (every commit in the file
 * before it returns, through group commit: commits made together share one write), with WRITE_DELAY=0 (the same
 * durability with one file write per commit, the server's setting before group commit) and with H2's default (commits
 * written by a background thread up to 500 ms later, which a killed process loses). Appends customer messages through the real JdbcConversationStore from several
 * threads, each to its own conversation, and prints appends per second and latency percentiles. Run it with
 * bench/faults/h2-commit-cost.sh.
 */
public class H2CommitCost {

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args.length > 0 ? args[0] : "8");
        int seconds = Integer.parseInt(args.length > 1 ? args[1] : "10");
        for (String variant : List.of("group commit (the server's setting)", "WRITE_DELAY=0 (one write per commit)",
                "H2 default (not durable at the ack)")) {
            Path home = Files.createTempDirectory("h2-commit-cost-");
            Files.createDirectories(home.resolve("db"));
            DatabaseConfig config = new DatabaseConfig();
            String url = "jdbc:h2:file:" + home.resolve("db/chatbot") + ";DB_CLOSE_ON_EXIT=FALSE"
                    + (variant.startsWith("WRITE_DELAY=0") ? ";WRITE_DELAY=0" : "");
            if (!variant.startsWith("group commit")) {
                config.setUrl(url); // an explicit URL: a plain pool, as for any configured database
            }
            config.setMaxPoolSize(threads + 2);
            try (var ds = DatabaseFactory.open(config, home)) {
                DatabaseFactory.migrate(ds);
                JdbcConversationStore store = new JdbcConversationStore(ds, Clock.systemUTC());
                run(store, threads, 2, null); // warm-up
                List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
                int appends = run(store, threads, seconds, latencies);
                List<Long> sorted = new ArrayList<>(latencies);
                Collections.sort(sorted);
                System.out.printf("%-38s %2d threads: %7.0f appends/s, latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                        variant, threads, appends / (double) seconds, pct(sorted, 0.50), pct(sorted, 0.99),
                        sorted.getLast() / 1e6);
            }
        }
    }

    private static int run(JdbcConversationStore store, int threads, int seconds, List<Long> latencies)
            throws InterruptedException {
        AtomicInteger count = new AtomicInteger();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            all.add(Thread.ofPlatform().start(() -> {
                Conversation c = store.create("en", Optional.empty());
                int i = 0;
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    store.append(c.id(), NewMessage.customer("m-" + (i++), "where is my order A1B2C3?"));
                    if (latencies != null) {
                        latencies.add(System.nanoTime() - start);
                    }
                    count.incrementAndGet();
                }
            }));
        }
        for (Thread t : all) {
            t.join();
        }
        return count.get();
    }

    private static double pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }
}
