package dev.chatbot.connectors.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatbot.connectors.testing.ChatClient;
import dev.chatbot.connectors.testing.Frames;
import dev.chatbot.connectors.testing.TestServer;
import dev.chatbot.connectors.testing.TestServer.WidgetSession;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The disk fills up under the embedded H2 database and under the model folder: clear errors, nothing acknowledged
 * lost, no corrupt store, and the active model version untouched. The disks are small tmpfs mounts, which needs root;
 * without it these tests are reported as skipped, and {@code bench/faults/disk-full.sh} runs them with sudo.
 */
class DiskFullIT {

    private static final String NEEDS_ROOT = "mounting a small tmpfs needs root: run bench/faults/disk-full.sh";

    @Test
    void a_full_disk_under_the_h2_file_gives_clear_errors_and_keeps_every_acknowledged_message() {
        assumeTrue(SmallDisk.available(), NEEDS_ROOT);
        try (SmallDisk disk = SmallDisk.mount(32)) {
            Path home = createDirectory(disk.root().resolve("home"));
            Map<String, Long> acked = new LinkedHashMap<>();
            WidgetSession session;
            try (TestServer server = TestServer.start(home, Map.of(
                    "chatbot.widget.rate-limit-burst", 1000,
                    "chatbot.widget.rate-limit-per-minute", 100000))) {
                session = server.newSession();
                try (ChatClient chat = server.connect(session)) {
                    chat.awaitType("state");
                    for (int i = 1; i <= 3; i++) {
                        long seq = chat.say("before-" + i, "how long does shipping take?");
                        acked.put("before-" + i, seq);
                        awaitAnswer(chat, seq);
                    }

                    disk.fill();
                    int accepted = 0;
                    int refused = 0;
                    for (int i = 1; i <= 300 && refused < 3; i++) {
                        String clientId = "full-" + i;
                        chat.send(Frames.message(clientId, "which payment methods do you accept?"));
                        JsonNode reply = chat.await(f -> (f.path("type").asText().equals("ack")
                                && f.path("clientId").asText().equals(clientId))
                                || f.path("type").asText().equals("error"), Duration.ofSeconds(15));
                        if (reply.path("type").asText().equals("ack")) {
                            acked.put(clientId, reply.get("seq").asLong());
                            accepted++;
                        } else {
                            assertThat(reply.get("code").asText()).isEqualTo("store_unavailable");
                            refused++;
                        }
                    }
                    System.out.printf("disk full (H2): %d more messages stored after the disk filled up, then "
                            + "%d refused with store_unavailable%n", accepted, refused);
                    assertThat(refused).as("the full disk is noticed: messages are refused with a clear error")
                            .isEqualTo(3);
                    System.out.println("disk full (H2): health " + server.get("/health", null).body());

                    disk.empty();
                    System.out.println("disk full (H2): after emptying, health " + server.get("/health", null).body());
                    long after = chat.say("after-1", "do you store my card details?");
                    acked.put("after-1", after);
                }
                server.stop();
                server.startAgain();

                StoredHistory stored = StoredHistory.read(server::get, session).assertGaplessAndUnique();
                Map<String, JsonNode> byClientId = stored.byClientId();
                acked.forEach((clientId, seq) -> {
                    assertThat(byClientId.get(clientId)).as("%s acknowledged as %d", clientId, seq).isNotNull();
                    assertThat(byClientId.get(clientId).get("seq").asLong()).isEqualTo(seq);
                });
            }
        }
    }

    private static JsonNode awaitAnswer(ChatClient chat, long seq) {
        return chat.await(f -> f.path("type").asText().equals("message") && f.path("seq").asLong() > seq
                && !f.path("role").asText().equals("customer"), Duration.ofSeconds(10));
    }

    private static Path createDirectory(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
