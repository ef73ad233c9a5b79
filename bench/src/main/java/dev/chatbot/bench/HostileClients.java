package dev.chatbot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;

/**
 * Hostile clients against a running server, all at once, while a well-behaved customer keeps chatting: slowloris
 * connections that send a header byte every second, ping flooders, permessage-deflate bombs, and chat sockets that
 * never read. Every attacker reconnects as soon as the server drops it. Reports the customer's latency before and
 * during the attack, how many attacker connections the server closed and how long each attacker got to hold on.
 * Only talks to the given server (loopback in bench/hostile-clients.sh); stops by itself after the given time.
 *
 * <pre>
 * java -cp ... dev.chatbot.bench.HostileClients --url http://localhost:18090 --seconds 30 --slowloris 500
 * </pre>
 */
public final class HostileClients {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicBoolean attacking = new AtomicBoolean(true);
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final Map<String, ChatLoad.Recorder> held = new ConcurrentHashMap<>();
    private final Random random = new Random();
    /** Every attacker socket still open, closed at the end so that no attacker waits for its time-out. */
    private final java.util.Set<Socket> open = ConcurrentHashMap.newKeySet();

    private HostileClients(URI base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(option(args, "--url", "http://localhost:8080"));
        int seconds = Integer.parseInt(option(args, "--seconds", "30"));
        int slowloris = Integer.parseInt(option(args, "--slowloris", "500"));
        int flooders = Integer.parseInt(option(args, "--flooders", "10"));
        int bombers = Integer.parseInt(option(args, "--bombers", "5"));
        int stalled = Integer.parseInt(option(args, "--stalled", "10"));
        long maxTurnMs = Long.parseLong(option(args, "--max-turn-ms", "5000"));
        long maxHeldMs = Long.parseLong(option(args, "--max-held-ms", "40000"));
        HostileClients h = new HostileClients(url);
        ObjectNode report = h.run(Duration.ofSeconds(seconds), slowloris, flooders, bombers, stalled);
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        List<String> misses = new ArrayList<>();
        if (report.get("customer_turns_during").asLong() == 0) {
            misses.add("the customer got no answer during the attack");
        }
        double p99 = report.get("customer_turn_ms_during").get("p99").asDouble();
        if (p99 > maxTurnMs) {
            misses.add("customer turn p99 during the attack " + p99 + " ms > " + maxTurnMs + " ms");
        }
        if (report.get("counts").has("customer_timeouts")) {
            misses.add("customer turns timed out: " + report.get("counts").get("customer_timeouts"));
        }
        report.get("attacker_held_ms").fields().forEachRemaining(e -> {
            if (e.getValue().get("max").asDouble() > maxHeldMs) {
                misses.add(e.getKey() + " held a connection for " + e.getValue().get("max") + " ms > " + maxHeldMs + " ms");
            }
        });
        if (!misses.isEmpty()) {
            System.out.println("FAILED: " + String.join("; ", misses));
            System.exit(1);
        }
        System.out.println("passed: the customer was served during the attack and every attacker was cut off in time");
    }

    private static String option(String[] args, String name, String fallback) {
        int i = Arrays.asList(args).indexOf(name);
        return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
    }

    private ObjectNode run(Duration attack, int slowloris, int flooders, int bombers, int stalled) throws Exception {
        String token = newToken();
        ChatLoad.Recorder before = new ChatLoad.Recorder();
        ChatLoad.Recorder during = new ChatLoad.Recorder();
        probe(before, Duration.ofSeconds(10));

        byte[] bomb = bomb();
        List<Thread> attackers = new ArrayList<>();
        for (int i = 0; i < slowloris; i++) {
            attackers.add(Thread.ofVirtual().start(this::slowloris));
        }
        for (int i = 0; i < flooders; i++) {
            attackers.add(Thread.ofVirtual().start(() -> flooder(token)));
        }
        for (int i = 0; i < bombers; i++) {
            attackers.add(Thread.ofVirtual().start(() -> bomber(token, bomb)));
        }
        for (int i = 0; i < stalled; i++) {
            attackers.add(Thread.ofVirtual().start(() -> staller(token)));
        }
        Thread.sleep(2000); // let the attack build up
        probe(during, attack.minusSeconds(2));
        attacking.set(false);
        open.forEach(s -> {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        });
        for (Thread t : attackers) {
            t.join(15_000);
        }

        ObjectNode out = JSON.createObjectNode();
        out.put("attack_seconds", attack.toSeconds());
        out.put("slowloris", slowloris);
        out.put("flooders", flooders);
        out.put("bombers", bombers);
        out.put("stalled_readers", stalled);
        out.put("customer_turns_before", before.count());
        out.set("customer_turn_ms_before", before.summary());
        out.put("customer_turns_during", during.count());
        out.set("customer_turn_ms_during", during.summary());
        ObjectNode c = out.putObject("counts");
        new java.util.TreeMap<>(counters).forEach((k, v) -> c.put(k, v.get()));
        ObjectNode h = out.putObject("attacker_held_ms");
        new java.util.TreeMap<>(held).forEach((k, v) -> h.set(k, v.summary()));
        return out;
    }

    private void count(String what) {
        counters.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    /** Records how long the server let an attacker hold a connection before it dropped it (not the ones ended by us). */
    private void held(String who, long startNanos) {
        if (!attacking.get()) {
            count(who + "_open_at_end");
            return;
        }
        held.computeIfAbsent(who, k -> new ChatLoad.Recorder()).record(System.nanoTime() - startNanos);
    }

    private String newToken() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/widget/sessions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("session refused: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).get("token").asText();
    }

    /** A customer that says something, waits for the bot's answer, and does it again, for {@code time}. */
    private void probe(ChatLoad.Recorder turns, Duration time) throws Exception {
        LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
        URI ws = URI.create(base.toString().replaceFirst("^http", "ws") + "/ws/chat?token=" + newToken());
        WebSocket socket = http.newWebSocketBuilder().buildAsync(ws, new Inbox(inbox)).join();
        long end = System.nanoTime() + time.toNanos();
        long n = 0;
        while (System.nanoTime() < end) {
            String clientId = "probe-" + System.nanoTime() + "-" + n++;
            long start = System.nanoTime();
            socket.sendText("{\"type\":\"message\",\"clientId\":\"" + clientId + "\",\"text\":\"how long does shipping take?\"}", true).join();
            boolean acked = false;
            while (true) {
                JsonNode f = inbox.poll(20, TimeUnit.SECONDS);
                if (f == null) {
                    count("customer_timeouts");
                    break;
                }
                String type = f.path("type").asText();
                if (type.equals("ack") && clientId.equals(f.path("clientId").asText())) {
                    acked = true;
                } else if (type.equals("error")) {
                    count("customer_error_" + f.path("code").asText());
                    break;
                } else if (acked && type.equals("message") && f.path("role").asText().equals("bot")) {
                    turns.record(System.nanoTime() - start);
                    break;
                }
            }
            Thread.sleep(2000); // a customer's pace, under the per-socket rate limit (40 a minute)
        }
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }

    private Socket connect(int receiveBuffer) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
        s.setSoTimeout(60_000);
        open.removeIf(Socket::isClosed);
        open.add(s);
        return s;
    }

    /** Sends a request's headers one byte a second, for as long as the server keeps the connection. */
    private void slowloris() {
        byte[] head = ("GET /health HTTP/1.1\r\nHost: " + base.getHost() + "\r\n").getBytes(StandardCharsets.US_ASCII);
        while (attacking.get()) {
            long start = System.nanoTime();
            try (Socket s = connect(0)) {
                OutputStream out = s.getOutputStream();
                out.write(head);
                out.flush();
                while (attacking.get()) {
                    Thread.sleep(1000);
                    out.write('x');
                    out.flush();
                }
            } catch (IOException e) {
                if (attacking.get()) {
                    count("slowloris_dropped_by_server");
                }
                held("slowloris", start);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private DataInputStream upgrade(Socket s, String token, String extensions) throws IOException {
        byte[] key = new byte[16];
        random.nextBytes(key);
        String request = "GET /ws/chat?token=" + token + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n" + extensions + "\r\n";
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        DataInputStream in = new DataInputStream(s.getInputStream());
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during the upgrade");
            }
            headers.append((char) b);
        }
        if (!headers.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + headers.substring(0, headers.indexOf("\r\n")));
        }
        return in;
    }

    private byte[] frame(int opcode, byte[] payload, boolean compressed) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x80 | (compressed ? 0x40 : 0) | opcode);
        int len = payload.length;
        if (len < 126) {
            f.write(0x80 | len);
        } else if (len < 65536) {
            f.write(0x80 | 126);
            f.write(len >>> 8);
            f.write(len & 0xff);
        } else {
            throw new IllegalArgumentException("frame too big for this client");
        }
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        f.writeBytes(mask);
        for (int i = 0; i < len; i++) {
            f.write(payload[i] ^ mask[i % 4]);
        }
        return f.toByteArray();
    }

    /** Reads frames until a close frame (its code) or the end of the connection (-1). */
    private static int closeCode(DataInputStream in) {
        try {
            while (true) {
                int b0 = in.read();
                if (b0 < 0) {
                    return -1;
                }
                int b1 = in.readUnsignedByte();
                long len = b1 & 0x7f;
                if (len == 126) {
                    len = in.readUnsignedShort();
                } else if (len == 127) {
                    len = in.readLong();
                }
                byte[] payload = in.readNBytes((int) len);
                if ((b0 & 0x0f) == 0x8) {
                    return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                }
            }
        } catch (IOException e) {
            return -1;
        }
    }

    /** Opens a chat socket and floods pings (reading what comes back) until the server closes it. */
    private void flooder(String token) {
        byte[] ping = frame(0x9, new byte[125], false);
        byte[] batch = new byte[ping.length * 500];
        for (int i = 0; i < 500; i++) {
            System.arraycopy(ping, 0, batch, i * ping.length, ping.length);
        }
        while (attacking.get()) {
            long start = System.nanoTime();
            try (Socket s = connect(0)) {
                DataInputStream in = upgrade(s, token, "");
                Thread writer = Thread.ofVirtual().start(() -> {
                    try {
                        OutputStream out = s.getOutputStream();
                        while (attacking.get()) {
                            out.write(batch);
                        }
                    } catch (IOException e) {
                        // closed
                    }
                });
                int code = closeCode(in);
                if (attacking.get()) {
                    count("flooder_closed_" + code);
                }
                held("flooder", start);
                writer.join(1000);
            } catch (IOException e) {
                count("flooder_refused");
                pause();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A permessage-deflate frame of about 40 KB that inflates to 40 MB. */
    private static byte[] bomb() {
        byte[] message = new byte[40 * 1024 * 1024];
        Arrays.fill(message, (byte) ' ');
        byte[] head = "{\"type\":\"message\",\"clientId\":\"bomb\",\"text\":\"".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, message, 0, head.length);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH)) > 0) {
            out.write(buf, 0, n);
            if (n < buf.length && deflater.needsInput()) {
                break;
            }
        }
        deflater.end();
        byte[] all = out.toByteArray();
        return Arrays.copyOf(all, all.length - 4);
    }

    private void bomber(String token, byte[] bomb) {
        while (attacking.get()) {
            long start = System.nanoTime();
            try (Socket s = connect(0)) {
                DataInputStream in = upgrade(s, token, "Sec-WebSocket-Extensions: permessage-deflate\r\n");
                s.getOutputStream().write(frame(0x1, bomb, true));
                int code = closeCode(in);
                if (attacking.get()) {
                    count("bomb_closed_" + code);
                }
                held("bomber", start);
            } catch (IOException e) {
                count("bomber_refused");
                pause();
            }
        }
    }

    /** Opens a chat socket with a tiny receive buffer, sends pings and never reads. */
    private void staller(String token) {
        byte[] ping = frame(0x9, new byte[125], false);
        byte[] batch = new byte[ping.length * 64];
        for (int i = 0; i < 64; i++) {
            System.arraycopy(ping, 0, batch, i * ping.length, ping.length);
        }
        while (attacking.get()) {
            long start = System.nanoTime();
            long written = 0;
            try (Socket s = connect(4096)) {
                upgrade(s, token, "");
                OutputStream out = s.getOutputStream();
                while (attacking.get()) {
                    out.write(batch);
                    written += batch.length;
                }
            } catch (IOException e) {
                if (attacking.get()) {
                    count("staller_dropped_by_server");
                }
                held("staller", start);
                counters.computeIfAbsent("staller_bytes_written", k -> new AtomicLong()).addAndGet(written);
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Inbox implements WebSocket.Listener {
        private final LinkedBlockingQueue<JsonNode> inbox;
        private final StringBuilder partial = new StringBuilder();

        Inbox(LinkedBlockingQueue<JsonNode> inbox) {
            this.inbox = inbox;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    inbox.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    // not JSON: ignore
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }
}
