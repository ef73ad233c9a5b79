package dev.chatbot.connectors.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatbot.connectors.nlu.BotModelRegistry;
import dev.chatbot.connectors.testing.ChatClient;
import dev.chatbot.connectors.testing.Frames;
import dev.chatbot.connectors.testing.TestServer;
import dev.chatbot.connectors.testing.TestServer.WidgetSession;
import dev.chatbot.core.handler.Handlers;
import dev.chatbot.nlp.embedding.MiniLmSentenceEncoder;
import dev.chatbot.nlp.pipeline.ModelManifest;
import dev.chatbot.nlp.pipeline.Progress;
import dev.chatbot.nlp.pipeline.StepRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The disk fills up under the embedded H2 database and under the model folder: clear errors, nothing acknowledged
 * lost, no corrupt store, and the active model version untouched. The disks are small tmpfs mounts, which needs root;
 * without it these tests are reported as skipped, and {@code bench/faults/disk-full.sh} runs them with sudo.
 */
class DiskFullIT {

    private static final String NEEDS_ROOT = "mounting a small tmpfs needs root: run bench/faults/disk-full.sh";

    /** Skips without a tmpfs, unless {@code CHATBOT_FAULTS_REQUIRE_DISK=1} (set by the script) makes that a failure. */
    private static void requireSmallDisk() {
        if (!SmallDisk.available()) {
            assertThat(System.getenv("CHATBOT_FAULTS_REQUIRE_DISK")).as("CHATBOT_FAULTS_REQUIRE_DISK is set but "
                    + "this process cannot mount a tmpfs").isNotEqualTo("1");
            assumeTrue(false, NEEDS_ROOT);
        }
    }

    @Test
    void a_full_disk_under_the_h2_file_gives_clear_errors_and_keeps_every_acknowledged_message() {
        requireSmallDisk();
        try (SmallDisk disk = SmallDisk.mount(32)) {
            Path home = createDirectory(disk.root().resolve("home"));
            Map<String, Long> acked = new LinkedHashMap<>();
            WidgetSession session;
            try (TestServer server = TestServer.start(home, TestServer.withLoadFromOneAddress(Map.of(
                    "chatbot.widget.rate-limit-burst", 1000,
                    "chatbot.widget.rate-limit-per-minute", 100000)))) {
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

    @TempDir
    Path tmp;

    @Test
    void training_into_a_full_model_folder_fails_clearly_and_leaves_the_active_version_untouched() {
        requireSmallDisk();
        Path data = tinyBot(tmp.resolve("data"));
        try (SmallDisk disk = SmallDisk.mount(16); MiniLmSentenceEncoder encoder = MiniLmSentenceEncoder.create()) {
            Path models = disk.root().resolve("models");
            BotModelRegistry registry = new BotModelRegistry(models, StepRegistry.discover(), encoder, Handlers.names(), 1);
            String active = registry.start(data).version();
            String answer = registry.current().nlu().analyze("hello there").intent().name();
            List<String> before = disk.listing();
            long versionBytes = pagesOf(models.resolve(active));
            long dataBytes = pagesOf(models.resolve(active).resolve("data"));

            // the admin adds an example and retrains, but the model folder's disk is full
            write(data.resolve("intents/greet.yml"), GREET + "  - howdy partner\n");
            disk.fill();
            assertThatThrownBy(() -> registry.train(registry.validate(data), data, Progress.NONE))
                    .hasMessageContaining("No space left on device")
                    .hasMessageContaining(models.toString());
            // a restart on the changed data (which retrains) fails the same clear way
            assertThatThrownBy(() -> registry.start(data)).hasMessageContaining("No space left on device");
            assertUntouched(registry, encoder, disk, active, answer, before);

            // the space runs out at every point of writing a version: the steps, the manifest, the data copy
            List<String> failures = new java.util.ArrayList<>();
            List<String> versions = new java.util.ArrayList<>(List.of(active));
            for (long leave = versionBytes - dataBytes - 4 * PAGE; leave < versionBytes; leave += PAGE) {
                disk.empty();
                disk.fillLeaving(leave);
                try {
                    String trained = registry.train(registry.validate(data), data, Progress.NONE).version();
                    versions.add(trained);
                    System.out.printf("disk full (models): %d bytes were enough for version %s%n", leave, trained);
                    break;
                } catch (RuntimeException e) {
                    failures.add(leave + " bytes free: " + e.getMessage());
                    assertThat(e.getMessage()).contains("No space left on device");
                    assertUntouched(registry, encoder, disk, active, answer, before);
                }
            }
            System.out.println("disk full (models): a version takes " + versionBytes + " bytes (its data copy "
                    + dataBytes + "); training failed with\n  " + String.join("\n  ", failures));

            // with space again, training works and the new version takes over
            disk.empty();
            String next = registry.start(data).version();
            assertThat(next).isNotEqualTo(active);
            assertThat(registry.store().activeVersion()).contains(next);
            versions.add(next);
            assertThat(registry.versions()).extracting(ModelManifest::version).containsExactlyElementsOf(versions);
        }
    }

    private static final long PAGE = 4096;

    /** Nothing changed by a failed training: the same version active, served and loadable, no leftovers on disk. */
    private static void assertUntouched(BotModelRegistry registry, MiniLmSentenceEncoder encoder, SmallDisk disk,
                                        String active, String answer, List<String> listing) {
        assertThat(registry.current().version()).isEqualTo(active);
        assertThat(registry.current().nlu().analyze("hello there").intent().name()).isEqualTo(answer);
        assertThat(registry.store().activeVersion()).contains(active);
        assertThat(registry.versions()).extracting(ModelManifest::version).containsExactly(active);
        assertThat(disk.listing()).as("files on the model disk").isEqualTo(listing);
        assertThat(registry.store().load(active, StepRegistry.discover(), encoder).modelVersion()).isEqualTo(active);
    }

    /** What the files under {@code dir} take on a tmpfs: their sizes rounded up to whole pages. */
    private static long pagesOf(Path dir) {
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return (Files.size(f) + PAGE - 1) / PAGE * PAGE;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String GREET = """
            version: 1
            intent: greet
            replies: ["Hello! How can I help?"]
            examples:
              - hello
              - hi there
              - good morning
              - hey
              - hello bot
            """;

    /** A bot small enough to train in a second or two. */
    private static Path tinyBot(Path dir) {
        write(dir.resolve("intents/greet.yml"), GREET);
        write(dir.resolve("intents/goodbye.yml"), """
                version: 1
                intent: goodbye
                replies: ["Goodbye!"]
                examples:
                  - bye
                  - see you later
                  - goodbye
                  - that's all, thanks bye
                  - talk to you soon
                """);
        write(dir.resolve("intents/shipping_question.yml"), """
                version: 1
                intent: shipping_question
                replies: ["Standard shipping takes 3-5 business days."]
                examples:
                  - how long does shipping take
                  - when will my parcel arrive
                  - how many days is delivery
                  - is shipping fast
                  - delivery time please
                """);
        write(dir.resolve("intents/out_of_scope.yml"), """
                version: 1
                intent: out_of_scope
                examples:
                  - what's the weather like
                  - tell me a joke
                  - who won the football
                  - what is the capital of france
                  - sing me a song
                """);
        for (String label : List.of("negative", "neutral", "positive")) {
            String examples = switch (label) {
                case "negative" -> "[this is terrible, worst service ever, I am furious, you are useless, unacceptable]";
                case "neutral" -> "[where is my order, ok, what are your hours, I have a question, order number]";
                default -> "[thanks so much, great service, love it, you are the best, that was quick thank you]";
            };
            write(dir.resolve("sentiment/" + label + ".yml"),
                    "version: 1\nlabel: " + label + "\nexamples: " + examples + "\n");
        }
        write(dir.resolve("faq/shipping.yml"), """
                version: 1
                topic: shipping
                entries:
                  - id: shipping-times
                    question: How long does shipping take?
                    answer: Standard shipping takes 3-5 business days.
                  - id: shipping-cost
                    question: How much does shipping cost?
                    answer: Shipping is free over 50 dollars.
                """);
        return dir;
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
