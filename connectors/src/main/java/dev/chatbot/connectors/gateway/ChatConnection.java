package dev.chatbot.connectors.gateway;

import dev.chatbot.core.conversation.ConversationEvent;
import dev.chatbot.core.conversation.ConversationService;
import dev.chatbot.core.conversation.Message;
import dev.chatbot.core.port.MessageFanout;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open chat socket. Everything sent to it goes through one serial outbox, so frames leave in order, and
 * messages are delivered by sequence number without gaps: a live message that arrives after a gap (a lost or
 * reordered fan-out event, another node) first pulls the missing ones from the store. Work runs on the
 * given executor (virtual threads), never on the event loop.
 */
final class ChatConnection {

    private static final Logger LOG = LoggerFactory.getLogger(ChatConnection.class);

    private final WebSocketSession session;
    private final String conversationId;
    private final ConversationService conversations;
    private final FrameCodec codec;
    private final Executor executor;
    private final int pageSize;
    private final TokenBucket bucket;
    private final Queue<Runnable> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile MessageFanout.Subscription subscription;
    private volatile long lastTypingNanos;
    /** Highest sequence number sent on this socket; only touched by outbox tasks, which never overlap. */
    private long lastSentSeq = -1;

    ChatConnection(WebSocketSession session, String conversationId, ConversationService conversations,
                   FrameCodec codec, Executor executor, int pageSize, TokenBucket bucket) {
        this.session = session;
        this.conversationId = conversationId;
        this.conversations = conversations;
        this.codec = codec;
        this.executor = executor;
        this.pageSize = pageSize;
        this.bucket = bucket;
    }

    String conversationId() {
        return conversationId;
    }

    WebSocketSession session() {
        return session;
    }

    TokenBucket bucket() {
        return bucket;
    }

    /** Starts live delivery: remembers where the conversation is, then subscribes. */
    void open(MessageFanout fanout, long currentLastSeq, String state) {
        enqueue(() -> {
            lastSentSeq = currentLastSeq;
            send(new ServerFrame.State(state));
        });
        subscription = fanout.subscribe(conversationId, this::onEvent);
    }

    void close() {
        MessageFanout.Subscription s = subscription;
        if (s != null) {
            s.close();
        }
    }

    /** True at most every {@code minIntervalNanos}: typing indicators are forwarded, not flooded. */
    boolean typingAllowed(long nowNanos, long minIntervalNanos) {
        if (nowNanos - lastTypingNanos < minIntervalNanos) {
            return false;
        }
        lastTypingNanos = nowNanos;
        return true;
    }

    private void onEvent(ConversationEvent event) {
        switch (event) {
            case ConversationEvent.MessageAdded added -> enqueue(() -> deliver(added.message()));
            case ConversationEvent.StateChanged changed -> enqueue(() -> send(new ServerFrame.State(changed.state().wireName())));
            case ConversationEvent.PartialReply partial -> enqueue(() -> send(new ServerFrame.Partial(partial.replyTo(), partial.delta())));
            case ConversationEvent.Typing typing -> {
                if (typing.role() != dev.chatbot.core.conversation.Role.CUSTOMER) {
                    enqueue(() -> send(new ServerFrame.Typing(typing.role().wireName())));
                }
            }
        }
    }

    /** Replays every message after {@code afterSeq}, then continues live from the newest. */
    void resume(long afterSeq, long conversationLastSeq) {
        enqueue(() -> {
            long cursor = afterSeq;
            while (cursor < conversationLastSeq) {
                List<Message> page = conversations.messagesAfter(conversationId, cursor, pageSize);
                if (page.isEmpty()) {
                    break;
                }
                for (Message m : page) {
                    send(ServerFrame.MessageFrame.of(m));
                    cursor = m.seq();
                }
            }
            lastSentSeq = Math.max(lastSentSeq, cursor);
        });
    }

    /** Sends a frame after everything already queued for this socket. */
    void sendLater(ServerFrame frame) {
        enqueue(() -> send(frame));
    }

    private void deliver(Message message) {
        if (message.seq() <= lastSentSeq) {
            return; // already sent (by a resume, or a duplicate event)
        }
        if (lastSentSeq >= 0 && message.seq() > lastSentSeq + 1) {
            // a gap: fetch what this socket has not seen yet, in order
            for (Message missing : conversations.messagesAfter(conversationId, lastSentSeq,
                    (int) Math.min(pageSize, message.seq() - lastSentSeq - 1))) {
                if (missing.seq() < message.seq()) {
                    send(ServerFrame.MessageFrame.of(missing));
                }
            }
        }
        send(ServerFrame.MessageFrame.of(message));
        lastSentSeq = message.seq();
    }

    private void send(ServerFrame frame) {
        if (session.isOpen()) {
            session.sendAsync(codec.write(frame));
        }
    }

    void closeWith(CloseReason reason) {
        enqueue(() -> {
            if (session.isOpen()) {
                session.close(reason);
            }
        });
    }

    private void enqueue(Runnable task) {
        outbox.add(task);
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        do {
            Runnable task;
            while ((task = outbox.poll()) != null) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.atWarn().addKeyValue("conversation", conversationId).setCause(e).log("socket delivery failed");
                    if (session.isOpen()) {
                        session.sendAsync(codec.write(new ServerFrame.Error(SocketErrors.STORE_UNAVAILABLE,
                                "Some messages could not be loaded; reconnect to get them.")));
                    }
                }
            }
            draining.set(false);
        } while (!outbox.isEmpty() && draining.compareAndSet(false, true));
    }
}
