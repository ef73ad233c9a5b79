package dev.chatbot.connectors.network;

import dev.chatbot.connectors.config.NetworkConfig;
import dev.chatbot.connectors.gateway.ChatSocket;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import jakarta.inject.Singleton;

/**
 * Adds the server's own connection guards to every HTTP/1 connection's pipeline: a {@link RequestDeadline} after
 * the HTTP codec, and WebSocket compression as configured ({@code chatbot.network.websocket-compression}): by default
 * none (the framework's permessage-deflate handler is removed, so no socket negotiates it); when enabled, a
 * permessage-deflate handler whose inflater stops at the chat socket's message limit instead of the framework's
 * default one, which inflates a frame however big it grows (a 64 KB frame of zeros becomes tens of megabytes before
 * any size check sees it).
 */
@Singleton
public class NettyConnectionGuards implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    /** The name Micronaut gives its WebSocket compression handler. */
    static final String COMPRESSION = "WebSocketServerCompressionHandler";

    private final NetworkConfig config;

    public NettyConnectionGuards(NetworkConfig config) {
        this.config = config;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        NettyServerCustomizer.Registry registry = event.getBean();
        registry.register(new Unbound());
        return registry;
    }

    /** Before a connection exists: only knows how to make one for a channel. */
    private final class Unbound implements NettyServerCustomizer {
        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new ForConnection(channel) : this;
        }
    }

    private final class ForConnection implements NettyServerCustomizer {
        private final Channel channel;

        ForConnection(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel child, ChannelRole role) {
            return this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(COMPRESSION) != null) {
                if (config.isWebsocketCompression()) {
                    pipeline.replace(COMPRESSION, COMPRESSION,
                            new WebSocketServerCompressionHandler(ChatSocket.MAX_FRAME_BYTES));
                } else {
                    // without the handler the handshake answers no extension, and the client sends plain frames
                    pipeline.remove(COMPRESSION);
                }
            }
            if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                    && pipeline.get(RequestDeadline.NAME) == null) {
                pipeline.addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, RequestDeadline.NAME,
                        new RequestDeadline(config.getRequestReadTimeout()));
            }
        }
    }
}
