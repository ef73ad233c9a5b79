package dev.chatbot.connectors.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatbot.connectors.auth.Authenticator;
import dev.chatbot.connectors.auth.CrossSitePolicy;
import dev.chatbot.connectors.auth.StaffUser;
import dev.chatbot.connectors.http.Json;
import dev.chatbot.connectors.wiring.Workers;
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

import java.util.Optional;

/**
 * {@code WS /ws/agent?token=...}: pushes conversation events to an agent console (see docs/agents.md for the frames).
 * The handshake checks the page's origin like the staff API does (close 1008) and the staff token (close 4401); the
 * token is re-checked while the socket is open. The only frame a console sends is {@code {"type":"ping"}}.
 */
@ServerWebSocket("/ws/agent")
public class AgentSocket {

    private static final Logger LOG = LoggerFactory.getLogger(AgentSocket.class);
    private static final CloseReason ORIGIN_NOT_ALLOWED = new CloseReason(1008, "origin not allowed");
    private static final int MAX_FRAME = 4096;

    private final AgentEventHub hub;
    private final Authenticator authenticator;
    private final CrossSitePolicy crossSite;
    private final Workers workers;

    public AgentSocket(AgentEventHub hub, Authenticator authenticator, CrossSitePolicy crossSite, Workers workers) {
        this.hub = hub;
        this.authenticator = authenticator;
        this.crossSite = crossSite;
        this.workers = workers;
    }

    @OnOpen
    public void onOpen(WebSocketSession session, HttpRequest<?> request) {
        if (!crossSite.allows(request)) {
            LOG.atInfo().addKeyValue("origin", request.getHeaders().getOrigin().orElse("")).log("agent socket refused: origin");
            session.close(ORIGIN_NOT_ALLOWED);
            return;
        }
        String token = request.getParameters().get("token");
        if (token == null || token.isBlank()) {
            session.close(AgentEventHub.INVALID_TOKEN);
            return;
        }
        workers.io().execute(() -> {
            Optional<StaffUser> user;
            try {
                user = authenticator.authenticate(token);
            } catch (RuntimeException e) {
                LOG.atWarn().setCause(e).log("agent socket: could not check the token");
                session.close(new CloseReason(1011, "try again later"));
                return;
            }
            if (user.isEmpty()) {
                LOG.atInfo().log("agent socket refused: token");
                session.close(AgentEventHub.INVALID_TOKEN);
                return;
            }
            hub.add(new AgentEventHub.Connection(session, user.get(), token));
            if (!session.isOpen()) {
                hub.remove(session.getId());
                return;
            }
            ObjectNode hello = Json.MAPPER.createObjectNode().put("type", "hello");
            hello.set("user", userJson(user.get()));
            session.sendAsync(hello.toString());
        });
    }

    private static ObjectNode userJson(StaffUser u) {
        return Json.MAPPER.createObjectNode().put("username", u.username()).put("displayName", u.displayName())
                .put("role", u.role().wireName());
    }

    @OnMessage(maxPayloadLength = MAX_FRAME)
    public void onMessage(String raw, WebSocketSession session) {
        String type = "";
        try {
            JsonNode frame = Json.MAPPER.readTree(raw);
            type = frame.path("type").asText("");
        } catch (Exception e) {
            // answered below
        }
        if (type.equals("ping")) {
            session.sendAsync("{\"type\":\"pong\"}");
        } else {
            session.sendAsync(Json.MAPPER.createObjectNode().put("type", "error").put("code", "unknown_type")
                    .put("message", "This socket only pushes events; send {\"type\":\"ping\"} to check it.").toString());
        }
    }

    @OnClose
    public void onClose(WebSocketSession session) {
        hub.remove(session.getId());
    }

    @OnError
    public void onError(WebSocketSession session, Throwable error) {
        LOG.atDebug().setCause(error).log("agent socket error");
    }
}
