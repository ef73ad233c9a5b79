package dev.chatbot.connectors.gateway;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionDecoder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Protocol checks that the framework leaves out, added to a chat socket's Netty pipeline right after the
 * WebSocket frame decoder, or after the permessage-deflate decoder when compression is enabled
 * ({@code chatbot.network.websocket-compression}) and the client negotiated it:
 * <ul>
 * <li>every frame (data, continuation, ping, pong) takes a token from the socket's frame budget; a socket that
 *     floods beyond it is closed with 1008;</li>
 * <li>a message whose fragments add up to more than {@link ChatSocket#MAX_FRAME_BYTES} is closed with 1009 as
 *     soon as the limit is crossed (not after the framework has gathered all of it), and so is a compressed frame
 *     that inflates beyond the limit (the inflater is bounded by {@code NettyConnectionGuards});</li>
 * <li>text that is not valid UTF-8 closes the socket with 1007 (instead of being decoded with replacement
 *     characters and stored), and binary frames close it with 1003 (the protocol is JSON text);</li>
 * <li>when the client stops reading, the server stops reading its frames too (so pongs and replies cannot pile
 *     up), and closes the socket when it has not drained for the write-stall timeout or when more than the
 *     pending-bytes limit waits for it;</li>
 * <li>a close frame from the client is answered with a close frame carrying its status before the connection is
 *     dropped (the framework drops it without answering).</li>
 * </ul>
 */
final class FrameGuards {

    private static final Logger LOG = LoggerFactory.getLogger(FrameGuards.class);
    private static final String DECODER = "wsdecoder";
    /** After a policy close frame, how long the client has to answer before the connection is dropped. */
    private static final long CLOSE_GRACE_MILLIS = 2000;

    /** The limits of one chat socket. */
    record Limits(int frameBurst, int framesPerSecond, int maxMessageBytes, Duration writeStallTimeout,
                  int maxPendingWriteBytes) {
    }

    private FrameGuards() {
    }

    static void install(HttpRequest<?> request, Limits limits) {
        if (!(request instanceof NettyHttpRequest<?> netty)) {
            return;
        }
        ChannelPipeline pipeline = netty.getChannelHandlerContext().pipeline();
        if (pipeline.get(DECODER) == null) {
            LOG.warn("no WebSocket decoder in the pipeline; frame checks not installed");
            return;
        }
        if (pipeline.get("chatbot-utf8") == null) {
            // after the last extension decoder: browsers negotiate permessage-deflate, and compressed bytes are
            // not UTF-8 until they are inflated
            String after = DECODER;
            for (var entry : pipeline) {
                if (entry.getValue() instanceof WebSocketExtensionDecoder) {
                    after = entry.getKey();
                }
            }
            pipeline.addAfter(after, "chatbot-binary", new BinaryRefuser());
            pipeline.addAfter(after, "chatbot-utf8", new Utf8FrameValidator(true));
            pipeline.addAfter(after, "chatbot-socket-limits", new SocketLimits(limits));
        }
    }

    /**
     * Writes a close frame, then half-closes the connection (no more output, a FIN after the close frame) and drops it
     * when the client answers or the grace period ends. Closing at once while the client's frames still sit unread in
     * the receive buffer makes the kernel reset the connection, and a reset can wipe the close frame and its reason
     * from the client's own receive buffer before the client reads it.
     */
    static void closeWith(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
        ctx.writeAndFlush(new CloseWebSocketFrame(status, reason)).addListener(written -> {
            if (written.isSuccess() && ctx.channel() instanceof io.netty.channel.socket.SocketChannel socket) {
                socket.shutdownOutput();
            } else {
                ctx.channel().close();
            }
        });
        ctx.executor().schedule(() -> {
            ctx.channel().close();
        }, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Closes the socket with 1003 on a binary frame. */
    @ChannelHandler.Sharable
    static final class BinaryRefuser extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof BinaryWebSocketFrame) {
                ReferenceCountUtil.release(msg);
                ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INVALID_MESSAGE_TYPE,
                        "binary frames are not supported")).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** Frame budget, message size across fragments, inflation bombs and back-pressure of one socket. */
    static final class SocketLimits extends ChannelDuplexHandler {

        private final Limits limits;
        private final TokenBucket frames;
        private long messageBytes;
        private boolean closing;
        private ScheduledFuture<?> stallCheck;

        SocketLimits(Limits limits) {
            this.limits = limits;
            this.frames = new TokenBucket(limits.frameBurst(), limits.framesPerSecond() * 60, System.nanoTime());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (closing) {
                boolean answered = msg instanceof CloseWebSocketFrame;
                ReferenceCountUtil.release(msg);
                if (answered) {
                    ctx.channel().close(); // the client answered our close frame: the closing handshake is done
                }
                return;
            }
            if (msg instanceof CloseWebSocketFrame close) {
                // the client starts the closing handshake: answer it with its own status, as RFC 6455 (5.5.1) asks.
                // The framework calls the socket's close handler and then drops the connection without answering, so
                // clients that wait for the answer (Gatling, some proxies) report a premature close.
                int code = close.statusCode();
                ctx.writeAndFlush(code < 0 || !WebSocketCloseStatus.isValidStatusCode(code)
                        ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, ""));
                closing = true;
                ctx.fireChannelRead(msg);
                return;
            }
            if (msg instanceof WebSocketFrame frame) {
                if (!frames.tryTake(System.nanoTime())) {
                    ReferenceCountUtil.release(msg);
                    LOG.atInfo().addKeyValue("peer", ctx.channel().remoteAddress()).log("chat socket closed: frame flood");
                    close(ctx, WebSocketCloseStatus.POLICY_VIOLATION, "too many frames");
                    return;
                }
                if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
                    messageBytes = frame.content().readableBytes();
                } else if (frame instanceof ContinuationWebSocketFrame) {
                    messageBytes += frame.content().readableBytes();
                }
                if (messageBytes > limits.maxMessageBytes()) {
                    ReferenceCountUtil.release(msg);
                    close(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG, "message too big");
                    return;
                }
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (isInflationLimit(cause)) {
                // the permessage-deflate decoder stopped inflating at its bound: a compression bomb or just too big
                LOG.atInfo().addKeyValue("peer", ctx.channel().remoteAddress()).log("chat socket closed: frame inflates beyond the limit");
                close(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG, "message too big");
                return;
            }
            ctx.fireExceptionCaught(cause);
        }

        private static boolean isInflationLimit(Throwable cause) {
            for (Throwable t = cause; t != null; t = t.getCause()) {
                if (t instanceof DecompressionException) {
                    return true;
                }
            }
            return false;
        }

        private void close(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
            // frames that follow are read and dropped until the close frame is out (or the grace period ends):
            // closing with unread data would make the kernel reset the connection, and the client might lose the
            // close frame and its reason
            closing = true;
            closeWith(ctx, status, reason);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ctx.write(msg, promise);
            long pending = ctx.channel().bytesBeforeWritable();
            if (pending > limits.maxPendingWriteBytes() && ctx.channel().isActive()) {
                LOG.atInfo().addKeyValue("peer", ctx.channel().remoteAddress()).addKeyValue("pendingBytes", pending)
                        .log("chat socket closed: client does not read");
                closing = true;
                ctx.channel().close();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                ctx.channel().config().setAutoRead(true);
                if (stallCheck != null) {
                    stallCheck.cancel(false);
                    stallCheck = null;
                }
            } else {
                // the client does not take what we write: stop reading what it sends (pings would add pongs)
                ctx.channel().config().setAutoRead(false);
                if (stallCheck == null) {
                    stallCheck = ctx.executor().schedule(() -> {
                        if (!ctx.channel().isWritable() && ctx.channel().isActive()) {
                            LOG.atInfo().addKeyValue("peer", ctx.channel().remoteAddress())
                                    .log("chat socket closed: client stopped reading");
                            closing = true;
                            ctx.channel().close();
                        }
                    }, limits.writeStallTimeout().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            if (stallCheck != null) {
                stallCheck.cancel(false);
            }
        }
    }
}
