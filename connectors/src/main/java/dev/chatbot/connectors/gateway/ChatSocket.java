package dev.chatbot.connectors.gateway;

import dev.chatbot.connectors.config.WidgetConfig;
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
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnError;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private final Map<String, Long> lastRateNotice = new ConcurrentHashMap<>();
    /** Frames from one socket are handled in the order they arrived. */
    private final KeyedSerialExecutor inbound;

    public ChatSocket(ConversationService conversations, JdbcConversationStore store, MessageFanout fanout,
                      TokenSigner tokens, OriginPolicy origins, WidgetConfig config, Workers workers,
                      ChatConnections connections) {
        this.conversations = conversations;
        this.store = store;
        this.fanout = fanout;
        this.tokens = tokens;
        this.origins = origins;
        this.config = config;
        this.workers = workers;
        this.connections = connections;
        this.codec = new FrameCodec(config.getMaxTextLength());
        this.inbound = new KeyedSerialExecutor(workers.io());
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
        FrameGuards.install(request);
        ChatConnection connection = new ChatConnection(session, conversationId, conversations, codec,
                workers.io(), config.getHistoryPageSize(),
                new TokenBucket(config.getRateLimitBurst(), config.getRateLimitPerMinute(), System.nanoTime()));
        List<String> early = connections.add(connection);
        workers.io().execute(() -> {
            try {
                Conversation c = conversations.find(conversationId).orElse(null);
                if (c == null) {
                    connection.closeWith(SocketErrors.INVALID_TOKEN);
                    return;
                }
                connection.open(fanout, c.lastSeq(), c.state().wireName());
                LOG.atDebug().addKeyValue("conversation", conversationId).log("chat socket open");
            } catch (StoreUnavailableException e) {
                LOG.atWarn().addKeyValue("conversation", conversationId).log("chat socket open: store unavailable");
                connection.sendLater(new ServerFrame.Error(SocketErrors.STORE_UNAVAILABLE,
                        "The chat is temporarily unavailable; please reconnect in a moment."));
                connection.closeWith(new CloseReason(1011, "store unavailable"));
            }
        });
        early.forEach(frame -> accept(connection, frame));
    }

    @OnMessage(maxPayloadLength = MAX_FRAME_BYTES)
    public void onMessage(String raw, WebSocketSession session) {
        connections.getOrPark(session.getId(), raw).ifPresent(connection -> accept(connection, raw));
    }

    private void accept(ChatConnection connection, String raw) {
        WebSocketSession session = connection.session();
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
        if (!connection.bucket().tryTake(System.nanoTime())) {
            noticeRateLimit(connection);
            return;
        }
        inbound.submit(session.getId(), () -> handle(connection, frame));
    }

    private void handle(ChatConnection connection, ClientFrame frame) {
        String conversationId = connection.conversationId();
        try {
            switch (frame) {
                case ClientFrame.SendMessage m -> {
                    conversations.receiveCustomerMessage(conversationId, m.clientId(), m.text(),
                            stored -> connection.sendLater(new ServerFrame.Ack(m.clientId(), stored.seq())));
                }
                case ClientFrame.Resume r -> {
                    Conversation c = conversations.find(conversationId)
                            .orElseThrow(() -> new UnknownConversationException(conversationId));
                    if (r.afterSeq() > c.lastSeq()) {
                        connection.sendLater(new ServerFrame.Error(SocketErrors.INVALID_RESUME,
                                "afterSeq " + r.afterSeq() + " is beyond the newest message (" + c.lastSeq() + ")."));
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
            LOG.atWarn().addKeyValue("conversation", conversationId).addKeyValue("error", e.getMessage())
                    .log("store unavailable");
            connection.sendLater(new ServerFrame.Error(SocketErrors.STORE_UNAVAILABLE,
                    "Your message could not be saved right now. Please send it again in a moment."));
        } catch (UnknownConversationException e) {
            connection.closeWith(SocketErrors.INVALID_TOKEN);
        } catch (RuntimeException e) {
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
        if (connection != null) {
            connection.close();
        }
    }

    @OnError
    public void onError(WebSocketSession session, Throwable error) {
        LOG.atDebug().setCause(error).log("chat socket error");
    }
}
