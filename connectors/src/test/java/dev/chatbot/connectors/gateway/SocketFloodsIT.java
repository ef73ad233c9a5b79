package dev.chatbot.connectors.gateway;

import dev.chatbot.connectors.testing.ChatClient;
import dev.chatbot.connectors.testing.Frames;
import dev.chatbot.connectors.testing.RawWebSocket;
import dev.chatbot.connectors.testing.TestServer;
import dev.chatbot.connectors.testing.TestServer.WidgetSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile WebSocket framing on the chat socket: ping and pong floods, malformed control frames and compression
 * bombs. Each case ends with the close code the policy promises, and a bystander conversation keeps being served.
 */
class SocketFloodsIT {

    private static TestServer server;
    private ChatClient bystander;
    private int bystanderCount;

    @BeforeAll
    static void start() {
        // compression is off by default (WebSocketCompressionIT); the bombs matter where an operator turns it on
        server = TestServer.start(Map.of("chatbot.network.websocket-compression", true));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void openBystander() {
        bystander = server.connect(server.newSession());
        bystander.awaitType("state");
    }

    @AfterEach
    void bystanderIsStillServed() {
        bystanderCount++;
        long seq = bystander.say("bystander-" + bystanderCount, "still there?");
        bystander.awaitSeq(seq + 1);
        bystander.close();
    }

    private static RawWebSocket open(WidgetSession s) throws IOException {
        return RawWebSocket.connect(server.port(), "/ws/chat?token=" + s.token());
    }

    /** Writes {@code count} copies of a frame in one go, as a flooding client would. */
    private static void flood(RawWebSocket raw, int opcode, int count) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            all.write(raw.frameBytes(opcode, ("p" + i).getBytes(StandardCharsets.US_ASCII), true, false));
        }
        try {
            raw.output().write(all.toByteArray());
            raw.output().flush();
        } catch (IOException closedMeanwhile) {
            // the server may close before it has read everything
        }
    }

    @Test
    void a_ping_flood_is_closed_with_1008_after_the_frame_budget() throws IOException {
        try (RawWebSocket raw = open(server.newSession())) {
            flood(raw, RawWebSocket.PING, 5_000);
            int pongs = 0;
            int close = -1;
            RawWebSocket.Frame f;
            while ((f = raw.readFrame()) != null) {
                if (f.opcode() == RawWebSocket.PONG) {
                    pongs++;
                } else if (f.opcode() == RawWebSocket.CLOSE) {
                    close = f.closeCode();
                    break;
                }
            }
            System.out.println("ping flood: 5000 pings sent, " + pongs + " answered, then close " + close);
            assertThat(close).isEqualTo(1008);
            // the default budget is 100 frames at once (plus what refills while the flood is read)
            assertThat(pongs).isBetween(1, 150);
        }
    }

    @Test
    void an_unsolicited_pong_flood_is_closed_with_1008() throws IOException {
        try (RawWebSocket raw = open(server.newSession())) {
            flood(raw, RawWebSocket.PONG, 5_000);
            assertThat(raw.awaitCloseCode()).isEqualTo(1008);
        }
    }

    @Test
    void pings_within_the_budget_are_answered_and_the_socket_stays_open() throws IOException {
        WidgetSession s = server.newSession();
        try (RawWebSocket raw = open(s)) {
            flood(raw, RawWebSocket.PING, 20);
            int pongs = 0;
            RawWebSocket.Frame f;
            while (pongs < 20 && (f = raw.readFrame()) != null) {
                assertThat(f.opcode()).isNotEqualTo(RawWebSocket.CLOSE);
                if (f.opcode() == RawWebSocket.PONG) {
                    pongs++;
                }
            }
            assertThat(pongs).isEqualTo(20);
            raw.sendFrame(RawWebSocket.TEXT, Frames.message("after-pings", "hello").getBytes(StandardCharsets.UTF_8));
            String ack = null;
            while ((f = raw.readFrame()) != null) {
                if (f.opcode() == RawWebSocket.TEXT && f.text().contains("\"ack\"")) {
                    ack = f.text();
                    break;
                }
            }
            assertThat(ack).contains("after-pings");
        }
    }

    @Test
    void a_ping_over_125_bytes_is_a_protocol_error_1002() throws IOException {
        try (RawWebSocket raw = open(server.newSession())) {
            raw.sendFrame(RawWebSocket.PING, new byte[126]);
            assertThat(raw.awaitCloseCode()).isEqualTo(1002);
        }
    }

    @Test
    void a_fragmented_ping_is_a_protocol_error_1002() throws IOException {
        try (RawWebSocket raw = open(server.newSession())) {
            raw.sendFrame(RawWebSocket.PING, "half".getBytes(StandardCharsets.US_ASCII), false);
            assertThat(raw.awaitCloseCode()).isEqualTo(1002);
        }
    }

    @Test
    void a_fragmented_close_frame_is_a_protocol_error_1002() throws IOException {
        try (RawWebSocket raw = open(server.newSession())) {
            raw.sendFrame(RawWebSocket.CLOSE, new byte[]{0x03, (byte) 0xE8}, false);
            assertThat(raw.awaitCloseCode()).isEqualTo(1002);
        }
    }

    @Test
    void fragments_are_closed_with_1009_as_soon_as_they_add_up_beyond_64_kb_without_waiting_for_the_last() throws IOException {
        WidgetSession s = server.newSession();
        try (RawWebSocket raw = open(s)) {
            raw.sendFrame(RawWebSocket.TEXT, "b".repeat(60_000).getBytes(StandardCharsets.US_ASCII), false);
            raw.sendFrame(RawWebSocket.CONTINUATION, "b".repeat(10_000).getBytes(StandardCharsets.US_ASCII), false);
            // no final fragment: the framework alone would keep gathering until one came
            assertThat(raw.awaitCloseCode()).isEqualTo(1009);
        }
    }

    private static RawWebSocket openCompressed(WidgetSession s) throws IOException {
        RawWebSocket raw = RawWebSocket.connect(server.port(), "/ws/chat?token=" + s.token(),
                "localhost:" + server.port(), "Sec-WebSocket-Extensions: permessage-deflate\r\n", 0);
        assertThat(raw.handshakeHeaders().toLowerCase()).contains("permessage-deflate");
        return raw;
    }

    @Test
    void a_compressed_message_within_the_limit_is_inflated_and_stored() throws Exception {
        WidgetSession s = server.newSession();
        try (RawWebSocket raw = openCompressed(s)) {
            byte[] message = Frames.message("zipped", "a compressed hello").getBytes(StandardCharsets.UTF_8);
            raw.sendFrame(RawWebSocket.TEXT, RawWebSocket.deflate(message), true, true);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (storedTexts(s).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }
        assertThat(storedTexts(s)).first().isEqualTo("a compressed hello");
    }

    private static java.util.List<String> storedTexts(WidgetSession s) {
        var history = Frames.parse(server.get("/api/widget/conversations/" + s.conversationId() + "/messages", s.token()).body());
        java.util.List<String> texts = new java.util.ArrayList<>();
        history.get("messages").forEach(m -> texts.add(m.get("text").asText()));
        return texts;
    }

    @Test
    void compression_bombs_are_closed_with_1009_without_being_inflated() throws Exception {
        // 40 MB of spaces inside a message frame compresses to about 40 KB: under the 64 KB frame limit
        byte[] head = "{\"type\":\"message\",\"clientId\":\"bomb\",\"text\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[40 * 1024 * 1024];
        java.util.Arrays.fill(message, (byte) ' ');
        System.arraycopy(head, 0, message, 0, head.length);
        byte[] bomb = RawWebSocket.deflate(message);
        assertThat(bomb.length).isLessThan(ChatSocket.MAX_FRAME_BYTES);
        message = null;

        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getTotalThreadAllocatedBytes();
        int bombs = 5;
        WidgetSession s = server.newSession();
        for (int i = 0; i < bombs; i++) {
            try (RawWebSocket raw = openCompressed(s)) {
                raw.sendFrame(RawWebSocket.TEXT, bomb, true, true);
                assertThat(raw.awaitCloseCode()).isEqualTo(1009);
            }
        }
        long allocatedMb = (threads.getTotalThreadAllocatedBytes() - before) >> 20;
        // inflating them would take 5 x 40 MB at least (and again as many for the strings); the bounded inflater
        // stops each at 64 KB. What remains is this JVM's background (the test client, the bystander, the JIT).
        System.out.println("compression bombs: " + bombs + " x " + bomb.length + " bytes, allocated in this JVM: "
                + allocatedMb + " MB");
        assertThat(allocatedMb).isLessThan(100);
        assertThat(storedTexts(s)).isEmpty();
    }
}
