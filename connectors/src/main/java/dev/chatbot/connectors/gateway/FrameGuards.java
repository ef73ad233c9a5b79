package dev.chatbot.connectors.gateway;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionDecoder;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protocol checks that the framework leaves out, added to a chat socket's Netty pipeline right after the
 * WebSocket frame decoder, or after the permessage-deflate decoder when the client negotiated compression (as
 * every browser does): text that is not valid UTF-8 closes the socket with 1007 (instead of being decoded with
 * replacement characters and stored), and binary frames close it with 1003 (the protocol is JSON text).
 */
final class FrameGuards {

    private static final Logger LOG = LoggerFactory.getLogger(FrameGuards.class);
    private static final String DECODER = "wsdecoder";

    private FrameGuards() {
    }

    static void install(HttpRequest<?> request) {
        if (!(request instanceof NettyHttpRequest<?> netty)) {
            return;
        }
        ChannelPipeline pipeline = netty.getChannelHandlerContext().pipeline();
        if (pipeline.get(DECODER) == null) {
            LOG.warn("no WebSocket decoder in the pipeline; UTF-8 and binary checks not installed");
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
        }
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
}
