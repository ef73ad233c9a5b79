package dev.chatbot.connectors.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatbot.connectors.auth.StaffUser;
import dev.chatbot.connectors.auth.UserStore;
import dev.chatbot.connectors.http.Json;
import dev.chatbot.core.agent.AgentNote;
import dev.chatbot.core.agent.ConversationView;
import dev.chatbot.core.agent.CustomerCard;
import dev.chatbot.core.agent.QueueItem;
import dev.chatbot.core.conversation.Conversation;
import dev.chatbot.core.conversation.Message;
import dev.chatbot.core.conversation.MessageSource;
import dev.chatbot.core.crm.Order;
import dev.chatbot.core.crm.OrderItem;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JSON shapes of the agent API and socket (documented in docs/agents.md). Every text in them (customer, bot, CRM)
 * is plain text: consoles must show it as text, never as HTML.
 */
@Singleton
public class AgentJson {

    /** Characters of the newest message shown in the queue. */
    static final int PREVIEW_CHARS = 160;

    private final UserStore users;

    public AgentJson(UserStore users) {
        this.users = users;
    }

    /** A cache of display names for one response, so a queue of many conversations reads each agent once. */
    Function<String, Optional<String>> displayNames() {
        Map<String, Optional<String>> cache = new HashMap<>();
        return username -> cache.computeIfAbsent(username, n -> users.find(n).map(StaffUser::displayName));
    }

    ObjectNode item(QueueItem item, Function<String, Optional<String>> names) {
        ObjectNode n = conversation(item.conversation(), names);
        n.put("waitingSeconds", item.waiting().toSeconds());
        item.sentiment().ifPresent(s -> n.putObject("sentiment").put("label", s.label())
                .put("negativity", s.negativity()).put("customerSeq", s.customerSeq()));
        item.lastMessage().ifPresent(m -> {
            ObjectNode last = n.putObject("lastMessage").put("seq", m.seq()).put("role", m.role().wireName())
                    .put("text", preview(m.text())).put("ts", m.createdAt().toString());
            m.author().ifPresent(a -> last.put("author", a));
        });
        return n;
    }

    ObjectNode conversation(Conversation c, Function<String, Optional<String>> names) {
        ObjectNode n = Json.MAPPER.createObjectNode()
                .put("id", c.id())
                .put("state", c.state().wireName())
                .put("locale", c.locale())
                .put("lastSeq", c.lastSeq())
                .put("createdAt", c.createdAt().toString())
                .put("updatedAt", c.updatedAt().toString());
        c.customerEmail().ifPresent(e -> n.put("customerEmail", e));
        c.escalation().ifPresent(e -> n.putObject("escalation").put("signal", e.signal()).put("score", e.score())
                .put("detail", e.detail()).put("at", e.at().toString()));
        c.assignedAgent().ifPresent(a -> n.putObject("assignedAgent").put("username", a)
                .put("displayName", names.apply(a).orElse(a)));
        return n;
    }

    ObjectNode view(QueueItem item, ConversationView view) {
        Function<String, Optional<String>> names = displayNames();
        ObjectNode n = item(item, names);
        ArrayNode messages = n.putArray("messages");
        view.messages().forEach(m -> messages.add(message(m)));
        ArrayNode traces = n.putArray("traces");
        view.traces().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            ObjectNode t = traces.addObject().put("customerSeq", e.getKey());
            t.set("trace", parse(e.getValue()));
        });
        ArrayNode notes = n.putArray("notes");
        view.notes().forEach(note -> notes.add(note(note)));
        n.set("crm", card(view.card()));
        return n;
    }

    ObjectNode message(Message m) {
        ObjectNode n = Json.MAPPER.createObjectNode()
                .put("seq", m.seq())
                .put("role", m.role().wireName())
                .put("text", m.text())
                .put("ts", m.createdAt().toString());
        m.author().ifPresent(a -> n.put("author", a));
        if (!m.quickReplies().isEmpty()) {
            ArrayNode q = n.putArray("quickReplies");
            m.quickReplies().forEach(q::add);
        }
        if (!m.sources().isEmpty()) {
            ArrayNode s = n.putArray("sources");
            for (MessageSource src : m.sources()) {
                s.addObject().put("id", src.id()).put("title", src.title());
            }
        }
        return n;
    }

    ObjectNode note(AgentNote note) {
        return Json.MAPPER.createObjectNode()
                .put("id", note.id())
                .put("conversationId", note.conversationId())
                .put("author", note.author())
                .put("authorName", note.authorName())
                .put("text", note.text())
                .put("createdAt", note.createdAt().toString());
    }

    ObjectNode card(CustomerCard card) {
        ObjectNode n = Json.MAPPER.createObjectNode().put("status", card.status());
        card.email().ifPresent(e -> n.put("email", e));
        card.evidence().ifPresent(e -> n.put("evidence", e));
        card.problem().ifPresent(p -> n.put("problem", p));
        card.customer().ifPresent(c -> n.putObject("customer").put("id", c.id()).put("name", c.name())
                .put("email", c.email()).put("orderCount", c.orderIds().size()));
        ArrayNode verified = n.putArray("verifiedOrders");
        card.verifiedOrderIds().forEach(verified::add);
        ArrayNode orders = n.putArray("orders");
        for (Order o : card.orders()) {
            ObjectNode on = orders.addObject()
                    .put("id", o.id())
                    .put("status", o.status().wireName())
                    .put("placedAt", o.placedAt().toString())
                    .put("total", o.total().toPlainString())
                    .put("currency", o.currency())
                    .put("verified", card.verifiedOrderIds().contains(o.id()));
            o.carrier().ifPresent(v -> on.put("carrier", v));
            o.trackingNumber().ifPresent(v -> on.put("trackingNumber", v));
            o.shippedAt().ifPresent(v -> on.put("shippedAt", v.toString()));
            o.deliveredAt().ifPresent(v -> on.put("deliveredAt", v.toString()));
            o.estimatedDelivery().ifPresent(v -> on.put("estimatedDelivery", v.toString()));
            ArrayNode items = on.putArray("items");
            for (OrderItem i : o.items()) {
                items.addObject().put("sku", i.sku()).put("name", i.name()).put("quantity", i.quantity())
                        .put("price", i.price().toPlainString());
            }
        }
        return n;
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            return Json.MAPPER.createObjectNode().put("unreadable", true);
        }
    }

    static String preview(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        if (oneLine.length() <= PREVIEW_CHARS) {
            return oneLine;
        }
        int end = PREVIEW_CHARS - 1;
        if (Character.isHighSurrogate(oneLine.charAt(end - 1))) {
            end--;
        }
        return oneLine.substring(0, end) + "\u2026";
    }
}
