package dev.chatbot.connectors.gateway;

import dev.chatbot.connectors.config.NetworkConfig;
import dev.chatbot.connectors.config.WidgetConfig;
import dev.chatbot.connectors.network.AddressLimits;
import dev.chatbot.connectors.network.ClientAddresses;
import dev.chatbot.connectors.metrics.GatewayMetrics;
import dev.chatbot.connectors.security.TokenSigner;
import dev.chatbot.connectors.security.TokenVerdict;
import dev.chatbot.connectors.storage.JdbcConversationStore;
import dev.chatbot.connectors.wiring.Workers;
import dev.chatbot.core.conversation.Conversation;
import dev.chatbot.core.conversation.ConversationService;
import dev.chatbot.core.conversation.KeyedSerialExecutor;
import dev.chatbot.core.conversation.Role;
import dev.chatbot.core.port.MessageFanout;
import dev.chatbot.core.port.StoreUnavailableException;
import dev.chatbot.core.port.UnknownConversationException;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnError;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import org.slf4j.Logger;
import jakarta.inject.Named;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code WS /ws/chat?token=...}: the customer's side of a conversation.
 *
 * <p>The handshake checks the page's origin and the token; the token names the one conversation this socket may
 * read and write. Frames are parsed and validated on the event loop (cheap); storage, replay and the bot's turn
 * run on virtual threads. A customer message is acknowledged only after it is stored.
 *
 * <p>A socket never outlives its token: it is closed with 4401 when the token expires, even while idle, and a frame
 * that arrives after the expiry is not handled. The widget then starts a new session.
 */
@ServerWebSocket("/ws/chat")
public class ChatSocket {

    /** Largest frame (and reassembled message) accepted; bigger ones close the socket with 1009. */
    public static final int MAX_FRAME_BYTES = 64 * 1024;

    static final String TOKEN_PURPOSE = "w";
    private static final Logger LOG = LoggerFactory.getLogger(ChatSocket.class);
    private static final long TYPING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long RATE_NOTICE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ConversationService conversations;
    private final JdbcConversationStore store;
    private final MessageFanout fanout;
    private final TokenSigner tokens;
    private final OriginPolicy origins;
    private final WidgetConfig config;
    private final Workers workers;
    private final FrameCodec codec;
    private final ChatConnections connections;
    private final GatewayMetrics metrics;
    private final Map<String, Long> lastRateNotice = new ConcurrentHashMap<>();
    /** Frames from one socket are handled in the order they arrived. */
    private final KeyedSerialExecutor inbound;
    private final FrameGuards.Limits limits;
    private final ClientAddresses clientAddresses;
    private final AddressLimits addressLimits;
    /** The per-address limits of each open socket, by session id. */
    private final Map<String, AddressLimits.Address> addresses = new ConcurrentHashMap<>();
    private final TaskScheduler scheduler;
    private final Clock clock;

    public ChatSocket(ConversationService conversations, JdbcConversationStore store, MessageFanout fanout,
                      TokenSigner tokens, OriginPolicy origins, WidgetConfig config, Workers workers,
                      ChatConnections connections, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
                      Clock clock, NetworkConfig network, ClientAddresses clientAddresses, AddressLimits addressLimits,
                      GatewayMetrics metrics) {
        this.scheduler = scheduler;
        this.clock = clock;
        this.conversations = conversations;
        this.store = store;
        this.fanout = fanout;
        this.tokens = tokens;
        this.origins = origins;
        this.config = config;
        this.workers = workers;
        this.connections = connections;
        this.metrics = metrics;
        this.codec = new FrameCodec(config.getMaxTextLength());
        this.inbound = new KeyedSerialExecutor(workers.io());
        this.clientAddresses = clientAddresses;
        this.addressLimits = addressLimits;
        this.limits = new FrameGuards.Limits(config.getFrameBurst(), config.getFramesPerSecond(), MAX_FRAME_BYTES,
                network.getWriteStallTimeout(), network.getMaxPendingWriteBytes());
    }

    @OnOpen
    public void onOpen(WebSocketSession session, HttpRequest<?> request) {
        if (!origins.allows(request)) {
            LOG.atInfo().addKeyValue("origin", request.getHeaders().getOrigin().orElse("")).log("chat socket refused: origin");
            connections.dropParked(session.getId());
            session.close(SocketErrors.ORIGIN_NOT_ALLOWED);
            return;
        }
        TokenVerdict verdict = tokens.verify(TOKEN_PURPOSE, request.getParameters().get("token"));
        String asked = request.getParameters().get("conversationId");
        if (!verdict.isValid() || (asked != null && !asked.equals(verdict.subject().get()))) {
            LOG.atInfo().addKeyValue("reason", verdict.isValid() ? "other conversation" : verdict.problem())
                    .log("chat socket refused: token");
            connections.dropParked(session.getId());
            session.close(SocketErrors.INVALID_TOKEN);
            return;
        }
        String conversationId = verdict.subject().get();
        Instant expiresAt = verdict.expiresAt().orElseThrow();
        String clientAddress = clientAddresses.of(request);
        AddressLimits.Address address = addressLimits.of(clientAddress);
        if (!address.openSocket()) {
            LOG.atInfo().addKeyValue("address", clientAddress).log("chat socket refused: too many from one address");
            connections.dropParked(session.getId());
            session.sendAsync(codec.write(new ServerFrame.Error(SocketErrors.TOO_MANY_CONNECTIONS,
                    "Too many chats are open from your network. Close one, then try again.")));
            session.close(SocketErrors.TOO_MANY_FROM_ADDRESS);
            return;
        }
        addresses.put(session.getId(), address);
        FrameGuards.install(request, limits);
        ChatConnection connection = new ChatConnection(session, conversationId, conversations, codec,
                workers.io(), config.getHistoryPageSize(),
                new TokenBucket(config.getRateLimitBurst(), config.getRateLimitPerMinute(), System.nanoTime()),
                expiresAt, metrics);
        connection.subscribe(fanout);
        List<String> early = connections.add(connection);
        Duration left = Duration.between(clock.instant(), expiresAt);
        connection.expireWith(scheduler.schedule(left.isNegative() ? Duration.ZERO : left,
                () -> expire(connection)));
        workers.io().execute(() -> {
            try {
                Conversation c = conversations.find(conversationId).orElse(null);
                if (c == null) {
                    connection.closeWith(SocketErrors.INVALID_TOKEN);
                    return;
                }
                connection.open(c.lastSeq(), c.state().wireName());
                LOG.atDebug().addKeyValue("conversation", conversationId).log("chat socket open");
            } catch (StoreUnavailableException e) {
                LOG.atWarn().addKeyValue("conversation", conversationId).log("chat socket open: store unavailable");
                connection.sendLater(new ServerFrame.Error(SocketErrors.STORE_UNAVAILABLE,
                        "The chat is temporarily unavailable; please reconnect in a moment."));
                connection.closeWith(new CloseReason(1011, "store unavailable"));
            }
        });
        early.forEach(frame -> accept(connection, frame, System.nanoTime()));
    }

    @OnMessage(maxPayloadLength = MAX_FRAME_BYTES)
    public void onMessage(String raw, WebSocketSession session) {
        long received = System.nanoTime();
        connections.getOrPark(session.getId(), raw).ifPresent(connection -> accept(connection, raw, received));
    }

    private void expire(ChatConnection connection) {
        LOG.atInfo().addKeyValue("conversation", connection.conversationId()).log("chat socket closed: token expired");
        connection.closeWith(SocketErrors.INVALID_TOKEN);
    }

    /** @param received when the frame reached the handler ({@link System#nanoTime()}), for the gateway's metrics */
    private void accept(ChatConnection connection, String raw, long received) {
        WebSocketSession session = connection.session();
        if (!clock.instant().isBefore(connection.expiresAt())) {
            expire(connection);
            return;
        }
        if (raw.length() > MAX_FRAME_BYTES) {
            // a message reassembled from several smaller frames
            connection.closeWith(CloseReason.MESSAGE_TO_BIG);
            return;
        }
        ClientFrame frame;
        try {
            frame = codec.parse(raw);
        } catch (FrameException e) {
            connection.sendLater(new ServerFrame.Error(e.code(), e.getMessage()));
            return;
        }
        if (frame instanceof ClientFrame.Typing) {
            if (connection.typingAllowed(System.nanoTime(), TYPING_INTERVAL_NANOS)) {
                workers.io().execute(() -> conversations.typing(connection.conversationId(), Role.CUSTOMER));
            }
            return;
        }
        long now = System.nanoTime();
        if (!connection.bucket().tryTake(now)) {
            noticeRateLimit(connection);
            return;
        }
        AddressLimits.Address address = addresses.get(session.getId());
        if (address != null && !address.takeMessage(now)) {
            noticeRateLimit(connection);
            return;
        }
        if (frame instanceof ClientFrame.Resume) {
            connection.resumeAsked();
        } else {
            // a client that writes without resuming first gets live messages at once
            connection.startLive(false);
        }
        inbound.submit(session.getId(), () -> handle(connection, frame, received));
    }

    private void handle(ChatConnection connection, ClientFrame frame, long received) {
        String conversationId = connection.conversationId();
        try {
            switch (frame) {
                case ClientFrame.SendMessage m -> {
                    conversations.receiveCustomerMessage(conversationId, m.clientId(), m.text(),
                            stored -> connection.acknowledge(m.clientId(), stored.seq(), received));
                }
                case ClientFrame.Resume r -> {
                    Conversation c = conversations.find(conversationId)
                            .orElseThrow(() -> new UnknownConversationException(conversationId));
                    if (r.afterSeq() > c.lastSeq()) {
                        connection.sendLater(new ServerFrame.Error(SocketErrors.INVALID_RESUME,
                                "afterSeq " + r.afterSeq() + " is beyond the newest message (" + c.lastSeq() + ")."));
                        connection.startLive(true);
                    } else {
                        connection.resume(r.afterSeq(), c.lastSeq());
                    }
                }
                case ClientFrame.Rating r -> {
                    store.rate(conversationId, r.score(), r.comment());
                    LOG.atInfo().addKeyValue("conversation", conversationId).addKeyValue("score", r.score())
                            .log("conversation rated");
                }
                case ClientFrame.Typing t -> conversations.typing(conversationId, Role.CUSTOMER);
            }
        } catch (StoreUnavailableException e) {
            if (frame instanceof ClientFrame.Resume) {
                connection.startLive(true);
            }
            LOG.atWarn().addKeyValue("conversation", conversationId).addKeyValue("error", e.getMessage())
                    .log("store unavailable");
            connection.sendLater(new ServerFrame.Error(SocketErrors.STORE_UNAVAILABLE,
                    "Your message could not be saved right now. Please send it again in a moment."));
        } catch (UnknownConversationException e) {
            connection.closeWith(SocketErrors.INVALID_TOKEN);
        } catch (RuntimeException e) {
            if (frame instanceof ClientFrame.Resume) {
                connection.startLive(true);
            }
            LOG.atError().addKeyValue("conversation", conversationId).setCause(e).log("chat frame failed");
            connection.sendLater(new ServerFrame.Error(SocketErrors.INTERNAL_ERROR,
                    "Something went wrong on our side. Please try again."));
        }
    }

    private void noticeRateLimit(ChatConnection connection) {
        long now = System.nanoTime();
        Long last = lastRateNotice.get(connection.session().getId());
        if (last == null || now - last > RATE_NOTICE_INTERVAL_NANOS) {
            lastRateNotice.put(connection.session().getId(), now);
            connection.sendLater(new ServerFrame.Error(SocketErrors.RATE_LIMITED,
                    "You are sending messages too fast. Please wait a moment, then send again."));
        }
    }

    @OnClose
    public void onClose(WebSocketSession session) {
        ChatConnection connection = connections.remove(session.getId());
        lastRateNotice.remove(session.getId());
        AddressLimits.Address address = addresses.remove(session.getId());
        if (address != null) {
            address.closeSocket();
        }
        if (connection != null) {
            connection.close();
        }
    }

    @OnError
    public void onError(WebSocketSession session, Throwable error) {
        LOG.atDebug().setCause(error).log("chat socket error");
    }
}
