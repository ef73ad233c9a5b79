package dev.chatbot.connectors.gateway;

import dev.chatbot.connectors.metrics.GatewayMetrics;
import dev.chatbot.core.conversation.ConversationEvent;
import dev.chatbot.core.conversation.ConversationState;
import dev.chatbot.core.conversation.ConversationService;
import dev.chatbot.core.conversation.Message;
import dev.chatbot.core.conversation.Role;
import dev.chatbot.core.port.MessageFanout;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open chat socket. Everything sent to it goes through one serial outbox, so frames leave in order, and
 * messages are delivered by sequence number without gaps: a live message that arrives after a gap (a lost or
 * reordered fan-out event, another node) first pulls the missing ones from the store. Work runs on the
 * given executor (virtual threads), never on the event loop.
 *
 * <p>Live messages wait until the client has said where it is: a widget that reconnects sends {@code resume} right
 * after the socket opens, and a bot answer stored in between would otherwise overtake the replay (the customer would
 * see seq 8, then 6, 7, 8). Live delivery starts after the replay of the first {@code resume}, at the client's first
 * other frame, or {@link #HOLD_MILLIS} after opening for a client that says nothing.
 */
final class ChatConnection {

    private static final Logger LOG = LoggerFactory.getLogger(ChatConnection.class);
    /** Longest a live message waits for the client's first frame after the socket opened. */
    static final long HOLD_MILLIS = 2000;

    private final WebSocketSession session;
    private final String conversationId;
    private final ConversationService conversations;
    private final FrameCodec codec;
    private final Executor executor;
    private final int pageSize;
    private final TokenBucket bucket;
    private final Instant expiresAt;
    private volatile ScheduledFuture<?> expiry;
    private final GatewayMetrics metrics;
    private final Queue<Runnable> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile MessageFanout.Subscription subscription;
    private volatile long lastTypingNanos;
    /** Highest sequence number sent on this socket; only touched by outbox tasks, which never overlap. */
    private long lastSentSeq = -1;
    /**
     * Customer messages from this socket waiting for the bot's reply, oldest first, as {seq, nanoTime received}; only
     * touched by outbox tasks. Bounded: a message the bot never answers (a person has the conversation) is dropped.
     */
    private final ArrayDeque<long[]> awaitingReply = new ArrayDeque<>();
    private static final int MAX_AWAITING_REPLY = 32;
    /** Whether live messages go out yet; only touched by outbox tasks. */
    private boolean live;
    private volatile boolean resumeAsked;
    /** Live messages that arrived before {@link #live}, in order; only touched by outbox tasks, null when none. */
    private List<Message> held;

    ChatConnection(WebSocketSession session, String conversationId, ConversationService conversations,
                   FrameCodec codec, Executor executor, int pageSize, TokenBucket bucket, Instant expiresAt,
                   GatewayMetrics metrics) {
        this.expiresAt = expiresAt;
        this.session = session;
        this.conversationId = conversationId;
        this.conversations = conversations;
        this.codec = codec;
        this.executor = executor;
        this.pageSize = pageSize;
        this.bucket = bucket;
        this.metrics = metrics;
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

    /** When the token that opened this socket expires. */
    Instant expiresAt() {
        return expiresAt;
    }

    /** The timer that closes this socket when its token expires; cancelled when the socket closes first. */
    void expireWith(ScheduledFuture<?> timer) {
        this.expiry = timer;
    }

    /**
     * Subscribes to the conversation's events as soon as the socket opens, before anything is read from the store:
     * a message stored between a read and a later subscription would otherwise reach this socket only with the
     * next one. Events are held until live delivery starts.
     */
    void subscribe(MessageFanout fanout) {
        subscription = fanout.subscribe(conversationId, this::onEvent);
        CompletableFuture.delayedExecutor(HOLD_MILLIS, TimeUnit.MILLISECONDS, executor).execute(() -> startLive(false));
    }

    /**
     * The conversation was found: sends its state. For a client that does not resume, what was stored before now
     * is history it did not ask for; a resuming client's position comes from its {@code resume}.
     */
    void open(long currentLastSeq, String state) {
        enqueue(() -> {
            if (!resumeAsked) {
                lastSentSeq = Math.max(lastSentSeq, currentLastSeq);
            }
            send(new ServerFrame.State(state));
        });
    }

    /** The client asked for a replay: live delivery starts when that replay is done, not before. */
    void resumeAsked() {
        resumeAsked = true;
    }

    /**
     * Live delivery may start: the client wrote something else (it is not about to resume), or the hold expired.
     * Ignored while a {@code resume} is being handled, unless {@code evenIfResuming} (the resume failed).
     */
    void startLive(boolean evenIfResuming) {
        if (evenIfResuming || !resumeAsked) {
            enqueue(this::goLive);
        }
    }

    private void goLive() {
        if (live) {
            return;
        }
        live = true;
        if (held != null) {
            for (Message m : held) {
                deliver(m); // skips what the replay already sent, fills any gap from the store
            }
            held = null;
        }
    }

    private void liveMessage(Message message) {
        if (live) {
            deliver(message);
        } else {
            if (held == null) {
                held = new ArrayList<>(4);
            }
            held.add(message);
        }
    }

    void close() {
        ScheduledFuture<?> timer = expiry;
        if (timer != null) {
            timer.cancel(false);
        }
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
            case ConversationEvent.MessageAdded added -> enqueue(() -> liveMessage(added.message()));
            case ConversationEvent.StateChanged changed -> enqueue(() -> {
                if (changed.state() != ConversationState.BOT) {
                    awaitingReply.clear(); // a person answers now: not a bot turn
                }
                send(new ServerFrame.State(changed.state().wireName()));
            });
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
            try {
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
            } finally {
                // after a failed page too: the client is told to reconnect, and live messages fill gaps themselves
                lastSentSeq = Math.max(lastSentSeq, cursor);
                goLive();
            }
        });
    }

    /**
     * Acknowledges a stored customer message after everything already queued for this socket, and, when the message is
     * new to this socket, times the bot's turn until its reply is written (the gateway's metrics).
     *
     * @param receivedNanos when the message's frame reached the socket handler
     */
    void acknowledge(String clientId, long seq, long receivedNanos) {
        enqueue(() -> {
            boolean fresh = seq > lastSentSeq; // not a resent message that this socket has seen answered
            sendTimed(new ServerFrame.Ack(clientId, seq), written -> metrics.ackWritten(receivedNanos, written));
            if (fresh) {
                if (awaitingReply.size() == MAX_AWAITING_REPLY) {
                    awaitingReply.pollFirst();
                }
                awaitingReply.addLast(new long[]{seq, receivedNanos});
            }
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
        long[] answered = awaitingReply.peekFirst();
        if (answered != null && answered[0] < message.seq()
                && (message.role() == Role.BOT || message.role() == Role.SYSTEM)) {
            awaitingReply.pollFirst();
            sendTimed(ServerFrame.MessageFrame.of(message), written -> metrics.replyWritten(answered[1], written));
        } else {
            send(ServerFrame.MessageFrame.of(message));
        }
        lastSentSeq = message.seq();
    }

    /** As {@link #send}, then tells {@code onWritten} the {@link System#nanoTime()} when the frame was written. */
    private void sendTimed(ServerFrame frame, java.util.function.LongConsumer onWritten) {
        if (session.isOpen()) {
            session.sendAsync(codec.write(frame)).whenComplete((ok, error) -> {
                if (error == null) {
                    onWritten.accept(System.nanoTime());
                }
            });
        }
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
                    if (!session.isOpen()) {
                        // the customer closed the socket while something was on its way: it is stored, and the
                        // widget gets it with its next resume; nothing went wrong on this side
                        LOG.atDebug().addKeyValue("conversation", conversationId).log("socket closed before delivery");
                        continue;
                    }
                    LOG.atWarn().addKeyValue("conversation", conversationId).setCause(e).log("socket delivery failed");
                    session.sendAsync(codec.write(new ServerFrame.Error(SocketErrors.STORE_UNAVAILABLE,
                            "Some messages could not be loaded; reconnect to get them.")));
                }
            }
            draining.set(false);
        } while (!outbox.isEmpty() && draining.compareAndSet(false, true));
    }
}
