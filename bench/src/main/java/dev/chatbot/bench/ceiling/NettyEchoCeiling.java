package dev.chatbot.bench.ceiling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.AttributeKey;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The ceiling that gateway numbers are compared with: a bare Netty server on the same Netty version as the chat
 * server, speaking the part of the widget protocol (docs/protocol.md) that {@code ChatLoad} uses, with none of the
 * work behind it. Conversations live in memory; there is no storage, no NLU and no framework.
 *
 * <ul>
 *   <li>{@code POST /api/widget/sessions}: {@code 201} with a {@code conversationId}, an opaque random
 *       {@code token} and {@code expiresAt}.</li>
 *   <li>{@code WS /ws/chat?token=...}: an unknown token closes with {@code 4401}; on open the socket gets
 *       {@code state: bot}. A {@code message} is answered as the real server answers it: its {@code ack}, the customer
 *       message echoed with its {@code seq}, the bot's {@code typing}, and the bot's {@code message} (the same text).
 *       A repeated {@code clientId} is acknowledged again with its first {@code seq} and not answered twice.
 *       {@code resume} replays every message after {@code afterSeq} ({@code invalid_resume} beyond the newest);
 *       {@code typing} and {@code rating} are accepted and dropped. Every socket of a conversation gets its
 *       messages in {@code seq} order.</li>
 *   <li>{@code GET /health}: {@code 200}.</li>
 * </ul>
 *
 * <p>Everything runs on the event loop: there is nothing to block on.
 *
 * <pre>
 * java -cp bench/target/classes:connectors/target/lib/* dev.chatbot.bench.ceiling.NettyEchoCeiling --port 18100
 * </pre>
 */
public final class NettyEchoCeiling {

    static final int MAX_FRAME_BYTES = 64 * 1024;
    static final int MAX_TEXT_LENGTH = 4000;
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AttributeKey<Socket> SOCKET = AttributeKey.valueOf("ceiling.socket");

    private final Map<String, Conversation> byToken = new ConcurrentHashMap<>();
    private final EventLoopGroup group;
    private final Channel server;

    /** Starts the ceiling on 127.0.0.1; port 0 picks a free one ({@link #port()}). */
    static NettyEchoCeiling start(int port, int threads) throws InterruptedException {
        return new NettyEchoCeiling(port, threads);
    }

    private NettyEchoCeiling(int port, int threads) throws InterruptedException {
        // NIO, as the chat server (which has no native transport on its class path)
        group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("http", new HttpServerCodec())
                                .addLast("aggregate", new HttpObjectAggregator(MAX_FRAME_BYTES))
                                .addLast("ceiling", new Handler());
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
        System.out.println("ceiling: http://localhost:" + port() + " transport=nio"
                + " event-loop-threads=" + (threads == 0 ? "netty default" : threads));
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(option(args, "--port", "18100"));
        int threads = Integer.parseInt(option(args, "--threads", "0"));
        NettyEchoCeiling ceiling = start(port, threads);
        Runtime.getRuntime().addShutdownHook(new Thread(ceiling::stop));
        ceiling.server.closeFuture().sync();
    }

    private static String option(String[] args, String name, String fallback) {
        int i = Arrays.asList(args).indexOf(name);
        return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
    }

    int port() {
        return ((java.net.InetSocketAddress) server.localAddress()).getPort();
    }

    void stop() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** HTTP requests until the upgrade, then the socket's frames. One instance per connection. */
    private final class Handler extends SimpleChannelInboundHandler<Object> {
        private WebSocketServerHandshaker handshaker;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest request) {
                http(ctx, request);
            } else if (msg instanceof WebSocketFrame frame) {
                frame(ctx, frame);
            }
        }

        private void http(ChannelHandlerContext ctx, FullHttpRequest request) {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            String path = uri.path();
            if (path.equals("/ws/chat") && request.headers().containsValue(HttpHeaderNames.UPGRADE,
                    HttpHeaderValues.WEBSOCKET, true)) {
                upgrade(ctx, request, uri);
            } else if (path.equals("/api/widget/sessions") && request.method().equals(HttpMethod.POST)) {
                Conversation c = new Conversation(UUID.randomUUID().toString(), newToken());
                byToken.put(c.token, c);
                ObjectNode body = JSON.createObjectNode()
                        .put("conversationId", c.id)
                        .put("token", c.token)
                        .put("expiresAt", Instant.now().plus(Duration.ofHours(24)).truncatedTo(ChronoUnit.SECONDS)
                                .toString());
                respond(ctx, request, HttpResponseStatus.CREATED, body.toString());
            } else if (path.equals("/health") && request.method().equals(HttpMethod.GET)) {
                respond(ctx, request, HttpResponseStatus.OK, "{\"status\":\"UP\"}");
            } else {
                respond(ctx, request, HttpResponseStatus.NOT_FOUND, "{\"error\":\"not_found\",\"message\":\"No such page.\"}");
            }
        }

        private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
            handshaker = new WebSocketServerHandshakerFactory("ws://" + request.headers().get(HttpHeaderNames.HOST)
                    + "/ws/chat", null, false, MAX_FRAME_BYTES).newHandshaker(request);
            if (handshaker == null) {
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
                return;
            }
            List<String> token = uri.parameters().get("token");
            List<String> asked = uri.parameters().get("conversationId");
            Conversation found = token == null || token.isEmpty() ? null : byToken.get(token.get(0));
            Conversation c = found != null && (asked == null || asked.get(0).equals(found.id)) ? found : null;
            Channel ch = ctx.channel();
            handshaker.handshake(ch, request).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    ch.close();
                    return;
                }
                ch.pipeline().addBefore("ceiling", "ws-aggregate", new WebSocketFrameAggregator(MAX_FRAME_BYTES));
                if (c == null) {
                    handshaker.close(ch, new CloseWebSocketFrame(4401, "invalid token"));
                    return;
                }
                Socket socket = new Socket(ch, c);
                ch.attr(SOCKET).set(socket);
                c.open(socket);
            });
        }

        private void frame(ChannelHandlerContext ctx, WebSocketFrame frame) {
            switch (frame) {
                case TextWebSocketFrame text -> {
                    Socket socket = ctx.channel().attr(SOCKET).get();
                    if (socket != null) {
                        socket.conversation.receive(socket, text.text());
                    }
                }
                case PingWebSocketFrame ping -> ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
                case CloseWebSocketFrame close -> handshaker.close(ctx.channel(), close.retain());
                case BinaryWebSocketFrame binary ->
                        handshaker.close(ctx.channel(), new CloseWebSocketFrame(1003, "the protocol is JSON text"));
                default -> { }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            Socket socket = ctx.channel().attr(SOCKET).getAndSet(null);
            if (socket != null) {
                socket.conversation.close(socket);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
                                String json) {
        ByteBuf body = Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "w." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** One open socket and the highest {@code seq} it was sent; guarded by its conversation's lock. */
    private static final class Socket {
        final Channel channel;
        final Conversation conversation;
        long lastSentSeq;

        Socket(Channel channel, Conversation conversation) {
            this.channel = channel;
            this.conversation = conversation;
        }

        /**
         * Queues a frame on the socket's event loop. Always through the loop's task queue (even from the loop
         * itself), and always under the conversation's lock, so frames reach every socket in the order they were
         * made.
         */
        void send(String json) {
            channel.eventLoop().execute(() -> channel.writeAndFlush(new TextWebSocketFrame(json)));
        }
    }

    /** A conversation in memory: its messages as sent on the wire, the client ids seen, the open sockets. */
    private static final class Conversation {
        final String id;
        final String token;
        private final List<String> messages = new ArrayList<>();
        private final Map<String, Long> seqByClientId = new HashMap<>();
        private final List<Socket> sockets = new ArrayList<>(1);

        Conversation(String id, String token) {
            this.id = id;
            this.token = token;
        }

        synchronized void open(Socket socket) {
            sockets.add(socket);
            socket.lastSentSeq = messages.size();
            socket.send("{\"type\":\"state\",\"state\":\"bot\"}");
        }

        synchronized void close(Socket socket) {
            sockets.remove(socket);
        }

        void receive(Socket from, String raw) {
            JsonNode frame;
            try {
                frame = JSON.readTree(raw);
            } catch (Exception e) {
                error(from, "malformed_json", "The frame is not valid JSON.");
                return;
            }
            if (frame == null || !frame.isObject()) {
                error(from, "malformed_json", "The frame is not one JSON object.");
                return;
            }
            switch (frame.path("type").asText()) {
                case "message" -> message(from, frame);
                case "resume" -> resume(from, frame);
                case "typing", "rating" -> { }
                default -> error(from, "unknown_type", "Unknown frame type.");
            }
        }

        private void message(Socket from, JsonNode frame) {
            JsonNode clientId = frame.get("clientId");
            JsonNode text = frame.get("text");
            if (clientId == null || !clientId.isTextual() || !CLIENT_ID.matcher(clientId.asText()).matches()) {
                error(from, "invalid_field", "clientId is missing or not 1-64 of A-Z a-z 0-9 . _ : -");
                return;
            }
            if (text == null || !text.isTextual()) {
                error(from, "invalid_field", "text is missing or not a string.");
                return;
            }
            String body = text.asText().strip();
            if (body.isEmpty()) {
                error(from, "empty_text", "The message is empty.");
                return;
            }
            if (body.length() > MAX_TEXT_LENGTH) {
                error(from, "text_too_long", "The message is longer than " + MAX_TEXT_LENGTH + " characters.");
                return;
            }
            String id = clientId.asText();
            synchronized (this) {
                Long known = seqByClientId.get(id);
                if (known != null) {
                    from.send(ack(id, known));
                    return;
                }
                long seq = messages.size() + 1L;
                seqByClientId.put(id, seq);
                from.send(ack(id, seq));
                String ts = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
                deliver(JSON.createObjectNode().put("type", "message").put("seq", seq).put("role", "customer")
                        .put("clientId", id).put("text", body).put("ts", ts).toString());
                for (Socket s : sockets) {
                    s.send("{\"type\":\"typing\",\"role\":\"bot\"}");
                }
                deliver(JSON.createObjectNode().put("type", "message").put("seq", seq + 1).put("role", "bot")
                        .put("text", body).put("ts", ts).toString());
            }
        }

        private static String ack(String clientId, long seq) {
            return JSON.createObjectNode().put("type", "ack").put("clientId", clientId).put("seq", seq).toString();
        }

        /** Stores a message frame and sends it live to every socket that has everything before it. */
        private void deliver(String messageFrame) {
            messages.add(messageFrame);
            long seq = messages.size();
            for (Socket s : sockets) {
                if (s.lastSentSeq == seq - 1) {
                    s.send(messageFrame);
                    s.lastSentSeq = seq;
                }
            }
        }

        private void resume(Socket from, JsonNode frame) {
            JsonNode after = frame.get("afterSeq");
            if (after == null || !after.canConvertToLong() || !after.isIntegralNumber()) {
                error(from, "invalid_field", "afterSeq must be a whole number.");
                return;
            }
            long afterSeq = after.asLong();
            synchronized (this) {
                if (afterSeq < 0 || afterSeq > messages.size()) {
                    from.send(errorFrame("invalid_resume", "afterSeq " + afterSeq + " is not between 0 and the newest"
                            + " message (" + messages.size() + ")."));
                    return;
                }
                for (long seq = afterSeq + 1; seq <= messages.size(); seq++) {
                    from.send(messages.get((int) seq - 1));
                }
                from.lastSentSeq = messages.size();
            }
        }

        private void error(Socket to, String code, String message) {
            synchronized (this) {
                to.send(errorFrame(code, message));
            }
        }

        private static String errorFrame(String code, String message) {
            return JSON.createObjectNode().put("type", "error").put("code", code).put("message", message).toString();
        }
    }
}
