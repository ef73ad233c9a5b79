package dev.chatbot.connectors.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A chat client on the JDK's WebSocket client: records every frame it receives and the close code, and waits for
 * frames matching a condition.
 */
public final class ChatClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final CompletableFuture<WebSocket> socket;

    private ChatClient(URI uri, Map<String, String> headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        socket = builder.buildAsync(uri, new Listener());
    }

    public static ChatClient connect(URI uri, Map<String, String> headers) {
        ChatClient c = new ChatClient(uri, headers);
        c.socket.join();
        return c;
    }

    /** Connects, or returns the failure (for handshakes the server refuses). */
    public static CompletableFuture<ChatClient> tryConnect(URI uri, Map<String, String> headers) {
        ChatClient c = new ChatClient(uri, headers);
        return c.socket.thenApply(ws -> c);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                inbox.add(Frames.parse(partial.toString()));
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closeCode.completeExceptionally(error);
        }
    }

    public void send(String frame) {
        socket.join().sendText(frame, true).join();
    }

    /** Sends a customer message and returns the sequence number from its ack. */
    public long say(String clientId, String text) {
        send(Frames.message(clientId, text));
        return await(f -> f.path("type").asText().equals("ack") && f.path("clientId").asText().equals(clientId))
                .get("seq").asLong();
    }

    /** Waits for a frame that matches, up to 10 seconds; frames that do not match stay recorded. */
    public JsonNode await(Predicate<JsonNode> condition) {
        return await(condition, Duration.ofSeconds(10));
    }

    public synchronized JsonNode await(Predicate<JsonNode> condition, Duration timeout) {
        for (JsonNode f : seen) {
            if (condition.test(f)) {
                seen.remove(f);
                return f;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode f = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
                if (f == null) {
                    throw new AssertionError("no matching frame within " + timeout + "; received: " + seen);
                }
                if (condition.test(f)) {
                    return f;
                }
                seen.add(f);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /** Waits for a frame of a type. */
    public JsonNode awaitType(String type) {
        return await(f -> f.path("type").asText().equals(type));
    }

    /** Waits for the {@code message} frame with this sequence number. */
    public JsonNode awaitSeq(long seq) {
        return await(f -> f.path("type").asText().equals("message") && f.path("seq").asLong() == seq);
    }

    /** Every frame received so far that has not been consumed by an await, plus anything queued. */
    public synchronized List<JsonNode> drain() {
        List<JsonNode> all = new ArrayList<>(seen);
        seen.clear();
        inbox.drainTo(all);
        return all;
    }

    /** The close code the server sent, waiting up to 10 seconds. */
    public int awaitClose() {
        try {
            return closeCode.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("socket not closed by the server: " + e);
        }
    }

    public boolean isClosed() {
        return closeCode.isDone() || socket.join().isInputClosed();
    }

    @Override
    public void close() {
        try {
            WebSocket ws = socket.join();
            if (!ws.isOutputClosed()) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
            }
        } catch (CompletionException | java.util.concurrent.ExecutionException
                 | java.util.concurrent.TimeoutException e) {
            // already gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Drops the connection without a close handshake, like a network failure would. */
    public void abort() {
        socket.join().abort();
    }
}
