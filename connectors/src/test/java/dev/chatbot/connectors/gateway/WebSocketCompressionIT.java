package dev.chatbot.connectors.gateway;

import dev.chatbot.connectors.testing.Frames;
import dev.chatbot.connectors.testing.RawWebSocket;
import dev.chatbot.connectors.testing.TestServer;
import dev.chatbot.connectors.testing.TestServer.WidgetSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the default settings the chat socket does not negotiate permessage-deflate, which every browser offers: the
 * handshake answers no extension, the widget's frames go plain and are served as usual, and a frame flagged as
 * compressed anyway is refused. ({@link SocketFloodsIT} covers the server with compression turned on.)
 */
class WebSocketCompressionIT {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawWebSocket offeringDeflate(WidgetSession s) throws Exception {
        // what Chromium and Firefox send
        return RawWebSocket.connect(server.port(), "/ws/chat?token=" + s.token(), "localhost:" + server.port(),
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n", 0);
    }

    @Test
    void a_client_offering_permessage_deflate_gets_no_extension_and_plain_frames_are_served() throws Exception {
        WidgetSession s = server.newSession();
        try (RawWebSocket raw = offeringDeflate(s)) {
            assertThat(raw.handshakeHeaders()).startsWith("HTTP/1.1 101");
            assertThat(raw.handshakeHeaders().toLowerCase()).doesNotContain("sec-websocket-extensions");
            raw.sendFrame(RawWebSocket.TEXT, Frames.message("plain-1", "where is my order?")
                    .getBytes(StandardCharsets.UTF_8));
            boolean acked = false;
            for (int i = 0; i < 20 && !acked; i++) {
                RawWebSocket.Frame f = raw.readFrame();
                assertThat(f).as("a frame before the timeout").isNotNull();
                assertThat(f.opcode()).as("plain text frames only").isNotEqualTo(RawWebSocket.CLOSE);
                acked = f.opcode() == RawWebSocket.TEXT && f.text().contains("\"ack\"");
            }
            assertThat(acked).isTrue();
        }
    }

    @Test
    void a_frame_flagged_as_compressed_without_the_extension_is_refused_and_nothing_is_stored() throws Exception {
        WidgetSession s = server.newSession();
        try (RawWebSocket raw = offeringDeflate(s)) {
            byte[] message = Frames.message("zipped", "hello").getBytes(StandardCharsets.UTF_8);
            raw.sendFrame(RawWebSocket.TEXT, RawWebSocket.deflate(message), true, true);
            // deflated bytes read as plain text are not UTF-8 (1007); a decoder strict about RSV1 would say 1002
            assertThat(raw.awaitCloseCode()).isIn(1002, 1007);
        }
        var history = Frames.parse(server.get("/api/widget/conversations/" + s.conversationId() + "/messages",
                s.token()).body());
        assertThat(history.get("messages")).as("nothing stored from the refused frame").isEmpty();
    }
}
