package dev.chatbot.connectors.network;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The time a connection has to deliver a whole request, headers and body, counted from when it connected or from
 * the end of its previous response; closes the connection when the request is not complete by then. This is what
 * Netty's idle timeouts miss: a slowloris client that sends one header byte every few seconds, or a body that
 * never ends, is never idle. While the server works on a request or writes its response the clock is stopped.
 * Removed from the pipeline when the connection becomes a WebSocket (the chat socket has its own guards).
 */
final class RequestDeadline extends ChannelDuplexHandler {

    static final String NAME = "chatbot-request-deadline";
    private static final Logger LOG = LoggerFactory.getLogger(RequestDeadline.class);

    private final long timeoutMillis;
    private ScheduledFuture<?> timer;
    /** Requests fully received whose response has not been written completely yet. */
    private int inFlight;

    RequestDeadline(Duration timeout) {
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            arm(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        arm(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof LastHttpContent) {
            inFlight++;
            disarm();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response && response.status().code() / 100 == 1) {
            if (response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
                disarm();
                ctx.pipeline().remove(this);
            }
            // 100 Continue and other interim answers do not end the request
            ctx.write(msg, promise);
            return;
        }
        if (msg instanceof LastHttpContent) {
            ChannelPromise done = promise.unvoid();
            ctx.write(msg, done);
            done.addListener(f -> {
                inFlight = Math.max(0, inFlight - 1);
                if (inFlight == 0 && ctx.channel().isActive()) {
                    arm(ctx);
                }
            });
            return;
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        disarm();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        disarm();
    }

    private void arm(ChannelHandlerContext ctx) {
        disarm();
        timer = ctx.executor().schedule(() -> {
            timer = null;
            if (ctx.channel().isActive()) {
                LOG.atDebug().addKeyValue("peer", ctx.channel().remoteAddress())
                        .log("connection closed: request not complete within the read timeout");
                ctx.channel().close();
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
