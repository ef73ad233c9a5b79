package dev.chatbot.connectors.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatbot.core.conversation.ConversationEvent;
import dev.chatbot.core.conversation.ConversationState;
import dev.chatbot.core.conversation.Message;
import dev.chatbot.core.conversation.MessageSource;
import dev.chatbot.core.conversation.Role;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Conversation events as JSON between nodes, tagged with the node that published them. */
final class EventCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An event and the node it came from. */
    record Envelope(String node, ConversationEvent event) {
    }

    private EventCodec() {
    }

    static String write(String node, ConversationEvent event) {
        ObjectNode o = JSON.createObjectNode().put("node", node).put("conversationId", event.conversationId());
        switch (event) {
            case ConversationEvent.MessageAdded m -> {
                o.put("type", "message");
                Message msg = m.message();
                ObjectNode n = o.putObject("message");
                n.put("seq", msg.seq()).put("role", msg.role().wireName()).put("text", msg.text())
                        .put("ts", msg.createdAt().toString());
                msg.clientId().ifPresent(c -> n.put("clientId", c));
                msg.author().ifPresent(a -> n.put("author", a));
                ArrayNode q = n.putArray("quickReplies");
                msg.quickReplies().forEach(q::add);
                ArrayNode s = n.putArray("sources");
                msg.sources().forEach(src -> s.addObject().put("id", src.id()).put("title", src.title()));
            }
            case ConversationEvent.StateChanged s -> o.put("type", "state").put("state", s.state().wireName());
            case ConversationEvent.PartialReply p -> o.put("type", "partial").put("replyTo", p.replyTo()).put("delta", p.delta());
            case ConversationEvent.Typing t -> o.put("type", "typing").put("role", t.role().wireName());
        }
        return o.toString();
    }

    /** Reads an envelope; empty when the payload is not one of ours (ignored rather than crashing the subscriber). */
    static Optional<Envelope> read(String payload) {
        try {
            JsonNode o = JSON.readTree(payload);
            String node = o.path("node").asText();
            String id = o.path("conversationId").asText();
            if (node.isEmpty() || id.isEmpty()) {
                return Optional.empty();
            }
            ConversationEvent event = switch (o.path("type").asText()) {
                case "message" -> {
                    JsonNode n = o.path("message");
                    List<String> quick = new ArrayList<>();
                    n.path("quickReplies").forEach(x -> quick.add(x.asText()));
                    List<MessageSource> sources = new ArrayList<>();
                    n.path("sources").forEach(x -> sources.add(new MessageSource(x.path("id").asText(), x.path("title").asText())));
                    yield new ConversationEvent.MessageAdded(id, new Message(id, n.path("seq").asLong(),
                            Role.fromWire(n.path("role").asText()), n.path("text").asText(),
                            Instant.parse(n.path("ts").asText()),
                            Optional.ofNullable(n.get("clientId")).map(JsonNode::asText),
                            Optional.ofNullable(n.get("author")).map(JsonNode::asText), quick, sources));
                }
                case "state" -> new ConversationEvent.StateChanged(id, ConversationState.fromWire(o.path("state").asText()));
                case "partial" -> new ConversationEvent.PartialReply(id, o.path("replyTo").asText(), o.path("delta").asText());
                case "typing" -> new ConversationEvent.Typing(id, Role.fromWire(o.path("role").asText()));
                default -> null;
            };
            return Optional.ofNullable(event).map(e -> new Envelope(node, e));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
