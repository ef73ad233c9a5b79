package dev.chatbot.bench.conn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The transport under the simulated widgets. Sessions ({@code POST /api/widget/sessions}) and history reads go through
 * one {@code java.net.http} client; sockets are Netty channels on a small NIO event loop group, because one process has
 * to hold 10,000 of them on a 2-core machine that also runs the server: a Netty channel costs a few KB and no thread,
 * and its close can be made abrupt (no close frame), which a reconnect storm needs.
 */
final class WidgetNetwork implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A widget session: the conversation and the token that opens its socket. */
    record Session(String conversationId, String token) {
    }

    private final URI base;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    WidgetNetwork(URI base, int eventLoopThreads) {
        this.base = base;
        this.group = new MultiThreadIoEventLoopGroup(eventLoopThreads, NioIoHandler.newFactory());
        this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .option(ChannelOption.TCP_NODELAY, true);
    }

    Session createSession() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/widget/sessions"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201 && r.statusCode() != 200) {
            throw new IOException("session: HTTP " + r.statusCode() + " " + r.body());
        }
        JsonNode body = JSON.readTree(r.body());
        return new Session(body.get("conversationId").asText(), body.get("token").asText());
    }

    /** Creates {@code n} sessions, {@code concurrency} at a time; failures are counted as {@code session_failed}. */
    List<Session> createSessions(int n, int concurrency, Tally tally) throws InterruptedException {
        Session[] out = new Session[n];
        Semaphore permits = new Semaphore(concurrency);
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            permits.acquire();
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    out[index] = createSession();
                } catch (Exception e) {
                    tally.add("session_failed");
                } finally {
                    permits.release();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        List<Session> sessions = new ArrayList<>(n);
        for (Session s : out) {
            if (s != null) {
                sessions.add(s);
            }
        }
        return sessions;
    }

    /** Every stored message of the conversation, read through the history endpoint page by page. */
    List<JsonNode> history(Session session) throws IOException, InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        long after = 0;
        while (true) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/widget/conversations/"
                            + session.conversationId() + "/messages?afterSeq=" + after))
                    .header("Authorization", "Bearer " + session.token()).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("history: HTTP " + r.statusCode());
            }
            JsonNode body = JSON.readTree(r.body());
            JsonNode page = body.path("messages");
            if (page.isEmpty()) {
                return all;
            }
            page.forEach(all::add);
            after = page.get(page.size() - 1).path("seq").asLong();
            if (after >= body.path("lastSeq").asLong()) {
                return all;
            }
        }
    }

    /**
     * Opens the client's socket; completes with the channel once the WebSocket handshake is done, or exceptionally
     * if the connection or the handshake fails.
     */
    CompletableFuture<Channel> connect(WidgetClient client) {
        CompletableFuture<Channel> opened = new CompletableFuture<>();
        URI ws = URI.create(base.toString().replaceFirst("^http", "ws") + "/ws/chat?token=" + client.session().token());
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder().webSocketUri(ws)
                .handshakeTimeoutMillis(TimeUnit.SECONDS.toMillis(60)).maxFramePayloadLength(1 << 20)
                .dropPongFrames(true).build();
        Bootstrap b = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16),
                        new WebSocketClientProtocolHandler(config), new WebSocketFrameAggregator(1 << 20),
                        new Frames(client, opened));
            }
        });
        int port = ws.getPort() > 0 ? ws.getPort() : 80;
        b.connect(ws.getHost(), port).addListener(f -> {
            if (!f.isSuccess()) {
                opened.completeExceptionally(f.cause());
            }
        });
        return opened;
    }

    /**
     * Reconnects after a socket the client did not close was lost (the server closed it, for example with 1011 while
     * its database was out of reach): up to 10 attempts, 1 to 3 seconds apart, counted as {@code reconnected} or
     * {@code reconnect_failed}.
     */
    void reconnectLater(WidgetClient client, Tally tally) {
        Thread.ofVirtual().start(() -> {
            java.util.Random random = new java.util.Random();
            for (int attempt = 0; attempt < 10; attempt++) {
                try {
                    Thread.sleep(1000 + random.nextInt(2000));
                    connect(client).get(60, TimeUnit.SECONDS);
                    tally.add("reconnected");
                    return;
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // the server still cannot take it; try again
                }
            }
            tally.add("reconnect_failed");
        });
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        http.close();
    }

    /** Hands a socket's text frames and its end to its widget. */
    private static final class Frames extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private final WidgetClient client;
        private final CompletableFuture<Channel> opened;

        Frames(WidgetClient client, CompletableFuture<Channel> opened) {
            this.client = client;
            this.opened = opened;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                client.opened(ctx.channel());
                opened.complete(ctx.channel());
            } else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                opened.completeExceptionally(new IOException("handshake timeout"));
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) throws Exception {
            client.frame(JSON.readTree(frame.text()));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            opened.completeExceptionally(new IOException("closed before the handshake completed"));
            client.closed(ctx.channel());
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            client.failed(cause);
            ctx.close();
        }
    }
}
