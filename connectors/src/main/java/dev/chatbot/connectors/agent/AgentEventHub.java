package dev.chatbot.connectors.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatbot.connectors.auth.Authenticator;
import dev.chatbot.connectors.auth.StaffAccounts;
import dev.chatbot.connectors.auth.StaffUser;
import dev.chatbot.connectors.http.Json;
import dev.chatbot.connectors.wiring.Workers;
import dev.chatbot.core.agent.AgentDesk;
import dev.chatbot.core.agent.AgentNote;
import dev.chatbot.core.conversation.ConversationEvent;
import dev.chatbot.core.conversation.KeyedSerialExecutor;
import dev.chatbot.core.conversation.Role;
import dev.chatbot.core.port.MessageFanout;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every open agent console on this node, and the one subscription to all conversations that feeds them. Each event is
 * turned into a frame once (reading the store when a state change needs the conversation's queue line) and sent to
 * every console; one conversation's frames go out in order. Sockets whose account is disabled or signed out are closed
 * at once, and every socket re-checks its token regularly (expiry).
 */
@Singleton
public class AgentEventHub {

    /** The token is missing, forged, expired, or its account disabled or signed out. */
    static final CloseReason INVALID_TOKEN = new CloseReason(4401, "invalid or expired token");

    private static final Logger LOG = LoggerFactory.getLogger(AgentEventHub.class);

    private final MessageFanout fanout;
    private final AgentDesk desk;
    private final AgentJson json;
    private final Authenticator authenticator;
    private final Workers workers;
    private final AgentConfig config;
    private final KeyedSerialExecutor serial;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("agent-socket-recheck").factory());
    private MessageFanout.Subscription subscription;

    /** One open console: its socket, who signed in, and the token to re-check. */
    record Connection(WebSocketSession session, StaffUser user, String token) {
    }

    public AgentEventHub(MessageFanout fanout, AgentDesk desk, AgentJson json, Authenticator authenticator,
                         StaffAccounts accounts, Workers workers, AgentConfig config) {
        this.fanout = fanout;
        this.desk = desk;
        this.json = json;
        this.authenticator = authenticator;
        this.workers = workers;
        this.config = config;
        this.serial = new KeyedSerialExecutor(workers.io());
        accounts.onSessionsEnded(this::closeSessionsOf);
        desk.onNote(this::onNote);
    }

    @PostConstruct
    void start() {
        subscription = fanout.subscribeAll(this::onEvent);
        long every = Math.max(1, config.getSessionRecheck().toMillis());
        timer.scheduleWithFixedDelay(() -> workers.io().execute(this::recheck), every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (subscription != null) {
            subscription.close();
        }
        timer.shutdownNow();
        connections.values().forEach(c -> {
            if (c.session().isOpen()) {
                c.session().close(CloseReason.GOING_AWAY);
            }
        });
    }

    void add(Connection connection) {
        connections.put(connection.session().getId(), connection);
    }

    void remove(String sessionId) {
        connections.remove(sessionId);
    }

    /** Open agent sockets on this node. */
    public int size() {
        return connections.size();
    }

    private void onEvent(ConversationEvent event) {
        if (connections.isEmpty()) {
            return;
        }
        switch (event) {
            case ConversationEvent.MessageAdded added -> serial.submit(event.conversationId(), () -> {
                ObjectNode frame = frame("message", added.conversationId());
                frame.set("message", json.message(added.message()));
                broadcast(frame);
            });
            case ConversationEvent.StateChanged changed -> serial.submit(event.conversationId(), () -> {
                try {
                    ObjectNode frame = Json.MAPPER.createObjectNode().put("type", "conversation");
                    frame.set("conversation", json.item(desk.item(changed.conversationId()), json.displayNames()));
                    broadcast(frame);
                } catch (RuntimeException e) {
                    LOG.atWarn().addKeyValue("conversation", changed.conversationId()).setCause(e)
                            .log("could not read the conversation for agent consoles");
                    broadcast(frame("state", changed.conversationId()).put("state", changed.state().wireName()));
                }
            });
            case ConversationEvent.Typing typing -> {
                if (typing.role() == Role.CUSTOMER) {
                    serial.submit(event.conversationId(), () ->
                            broadcast(frame("typing", typing.conversationId()).put("role", typing.role().wireName())));
                }
            }
            case ConversationEvent.PartialReply ignored -> {
                // streamed bot tokens are for the customer; agents see the final message
            }
        }
    }

    private void onNote(AgentNote note) {
        serial.submit(note.conversationId(), () -> {
            ObjectNode frame = frame("note", note.conversationId());
            frame.set("note", json.note(note));
            broadcast(frame);
        });
    }

    private static ObjectNode frame(String type, String conversationId) {
        return Json.MAPPER.createObjectNode().put("type", type).put("conversationId", conversationId);
    }

    private void broadcast(ObjectNode frame) {
        String text = frame.toString();
        for (Connection c : connections.values()) {
            if (c.session().isOpen()) {
                c.session().sendAsync(text);
            }
        }
    }

    /** Closes every socket of this account (disabled, password reset, signed out). */
    void closeSessionsOf(String username) {
        connections.values().stream()
                .filter(c -> c.user().username().equals(username))
                .forEach(c -> close(c, "account sessions ended"));
    }

    private void recheck() {
        for (Connection c : connections.values()) {
            try {
                Optional<StaffUser> still = authenticator.authenticate(c.token());
                if (still.isEmpty()) {
                    close(c, "token no longer valid");
                }
            } catch (RuntimeException e) {
                LOG.atDebug().setCause(e).log("could not re-check an agent socket; trying again later");
            }
        }
    }

    private void close(Connection c, String why) {
        connections.remove(c.session().getId());
        if (c.session().isOpen()) {
            LOG.atInfo().addKeyValue("user", c.user().username()).addKeyValue("reason", why).log("closing agent socket");
            c.session().close(INVALID_TOKEN);
        }
    }
}
