package dev.chatbot.connectors.gateway;

import dev.chatbot.connectors.testing.RawWebSocket;
import dev.chatbot.connectors.testing.TestServer;
import dev.chatbot.connectors.testing.TestServer.WidgetSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A widget that closes its socket gets the closing handshake RFC 6455 asks for: the server answers with a close. */
class CloseHandshakeIT {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_client_close_frame_is_answered_with_a_close_frame() throws Exception {
        WidgetSession s = server.newSession();
        try (RawWebSocket raw = RawWebSocket.connect(server.port(), "/ws/chat?token=" + s.token())) {
            RawWebSocket.Frame state = raw.readFrame();
            assertThat(state).isNotNull();
            raw.sendFrame(RawWebSocket.CLOSE, new byte[]{0x03, (byte) 0xE8}); // 1000
            assertThat(raw.awaitCloseCode()).isEqualTo(1000);
            assertThat(raw.readFrame()).as("then the connection ends").isNull();
        }
    }

    @Test
    void an_application_close_code_is_echoed() throws Exception {
        WidgetSession s = server.newSession();
        try (RawWebSocket raw = RawWebSocket.connect(server.port(), "/ws/chat?token=" + s.token())) {
            assertThat(raw.readFrame()).isNotNull();
            raw.sendFrame(RawWebSocket.CLOSE, new byte[]{0x0F, (byte) 0xA0}); // 4000
            assertThat(raw.awaitCloseCode()).isEqualTo(4000);
        }
        // the conversation is still there for the next socket
        try (var again = server.connect(s)) {
            assertThat(again.awaitType("state").path("state").asText()).isEqualTo("bot");
        }
    }
}
