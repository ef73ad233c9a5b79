package dev.chatbot.connectors.network;

import dev.chatbot.connectors.gateway.ChatConnections;
import dev.chatbot.connectors.testing.ChatClient;
import dev.chatbot.connectors.testing.RawWebSocket;
import dev.chatbot.connectors.testing.TestServer;
import dev.chatbot.connectors.testing.TestServer.WidgetSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow and stalled clients on real sockets: slowloris headers, a body that never ends, a half-sent WebSocket
 * upgrade, and a chat socket that never reads what the server writes. The server here has a 2-second request
 * read timeout and a 2-second write-stall timeout; each attacker must be cut off after about that long while a
 * normal client keeps being served.
 */
class SlowClientsIT {

    private static final long TIMEOUT_MILLIS = 2_000;
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(
                "chatbot.network.request-read-timeout", "2s",
                "chatbot.network.write-stall-timeout", "2s",
                // the stalled-reader case floods pings; the frame budget is tested in SocketFloodsIT
                "chatbot.widget.frame-burst", 10_000_000,
                "chatbot.widget.frames-per-second", 10_000_000));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Socket connect() throws IOException {
        Socket s = new Socket("localhost", server.port());
        s.setSoTimeout(15_000);
        return s;
    }

    /** Milliseconds until the server closes the connection (end of stream or reset), reading and dropping data. */
    private static CompletableFuture<Long> closedAfter(Socket s, long startNanos) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                InputStream in = s.getInputStream();
                byte[] buf = new byte[4096];
                while (in.read(buf) >= 0) {
                    // a response, if any; keep reading until the end
                }
            } catch (IOException e) {
                // reset by the server: closed as well
            }
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        });
    }

    /** Sends {@code text} one byte at a time every {@code gapMillis} until the socket fails or the text ends. */
    private static void dribble(Socket s, String text, long gapMillis) {
        Thread.ofVirtual().start(() -> {
            try {
                OutputStream out = s.getOutputStream();
                for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(gapMillis);
                }
            } catch (IOException | InterruptedException e) {
                // closed by the server
            }
        });
    }

    private static void assertNormalClientServed() {
        long start = System.nanoTime();
        var r = server.send(HttpRequest.newBuilder(server.http("/health")).GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(TIMEOUT_MILLIS);
    }

    @Test
    void slowloris_headers_are_cut_off_after_the_read_timeout_while_others_are_served() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        List<CompletableFuture<Long>> closed = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            Socket s = connect();
            sockets.add(s);
            closed.add(closedAfter(s, start));
            dribble(s, "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + "a".repeat(200) + "\r\n\r\n", 300);
        }
        Thread.sleep(500);
        assertNormalClientServed();
        long slowest = 0;
        for (CompletableFuture<Long> c : closed) {
            slowest = Math.max(slowest, c.get(15, TimeUnit.SECONDS));
        }
        System.out.println("slowloris: 50 connections, the last one closed after " + slowest + " ms");
        // the headers would need 60 s at this pace; the server gives 2 s (plus scheduling on a loaded machine)
        assertThat(slowest).isBetween(TIMEOUT_MILLIS - 100, 3 * TIMEOUT_MILLIS);
        assertNormalClientServed();
        for (Socket s : sockets) {
            s.close();
        }
    }

    @Test
    void a_body_that_never_completes_is_cut_off() throws Exception {
        try (Socket s = connect()) {
            long start = System.nanoTime();
            CompletableFuture<Long> closed = closedAfter(s, start);
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/widget/sessions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{\"locale\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            dribble(s, " ".repeat(100), 500);
            long after = closed.get(15, TimeUnit.SECONDS);
            System.out.println("slow body: closed after " + after + " ms");
            assertThat(after).isBetween(TIMEOUT_MILLIS - 100, 3 * TIMEOUT_MILLIS);
        }
        assertNormalClientServed();
    }

    @Test
    void a_half_sent_websocket_upgrade_is_cut_off() throws Exception {
        WidgetSession session = server.newSession();
        try (Socket s = connect()) {
            long start = System.nanoTime();
            CompletableFuture<Long> closed = closedAfter(s, start);
            OutputStream out = s.getOutputStream();
            out.write(("GET /ws/chat?token=" + session.token() + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long after = closed.get(15, TimeUnit.SECONDS);
            System.out.println("half-sent upgrade: closed after " + after + " ms");
            assertThat(after).isBetween(TIMEOUT_MILLIS - 100, 3 * TIMEOUT_MILLIS);
        }
        assertNormalClientServed();
    }

    @Test
    void an_idle_keep_alive_connection_is_served_then_closed_after_the_read_timeout() throws Exception {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] buf = new byte[12];
            int n = s.getInputStream().readNBytes(buf, 0, buf.length);
            assertThat(new String(buf, 0, n, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
            long after = closedAfter(s, System.nanoTime()).get(15, TimeUnit.SECONDS);
            System.out.println("idle keep-alive: closed " + after + " ms after the response");
            assertThat(after).isLessThan(3 * TIMEOUT_MILLIS);
        }
    }

    @Test
    void an_open_chat_socket_is_not_subject_to_the_request_timeout() throws Exception {
        try (ChatClient chat = server.connect(server.newSession())) {
            chat.awaitType("state");
            Thread.sleep(2 * TIMEOUT_MILLIS);
            assertThat(chat.isClosed()).isFalse();
            long seq = chat.say("late", "hello after a pause");
            chat.awaitSeq(seq + 1);
        }
    }

    @Test
    void a_chat_socket_that_never_reads_is_throttled_then_closed() throws Exception {
        ChatConnections connections = server.context().getBean(ChatConnections.class);
        int before = connections.size();
        WidgetSession session = server.newSession();
        // a small receive buffer, and this client never reads: every pong the server writes stays on its side
        RawWebSocket raw = RawWebSocket.connect(server.port(), "/ws/chat?token=" + session.token(),
                "localhost:" + server.port(), "", 4096);
        byte[] ping = raw.frameBytes(RawWebSocket.PING, new byte[125], true, false);
        byte[] batch = new byte[ping.length * 64];
        for (int i = 0; i < 64; i++) {
            System.arraycopy(ping, 0, batch, i * ping.length, ping.length);
        }
        AtomicLong written = new AtomicLong();
        long cap = 256L * 1024 * 1024;
        long start = System.nanoTime();
        CompletableFuture<Long> writerEnded = CompletableFuture.supplyAsync(() -> {
            try {
                OutputStream out = raw.output();
                while (written.get() < cap && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20)) {
                    out.write(batch);
                    written.addAndGet(batch.length);
                }
            } catch (IOException e) {
                // the server closed the connection
            }
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        long ended = writerEnded.get(30, TimeUnit.SECONDS);
        System.out.println("stalled reader: wrote " + (written.get() >> 10) + " KB of pings before the server closed"
                + " the connection after " + ended + " ms");
        // without back-pressure the server would read all 256 MB and queue a pong for each ping
        assertThat(written.get()).isLessThan(16L * 1024 * 1024);
        assertThat(ended).isLessThan(10_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (connections.size() > before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(connections.size()).isEqualTo(before);
        raw.close();
        assertNormalClientServed();
    }
}
