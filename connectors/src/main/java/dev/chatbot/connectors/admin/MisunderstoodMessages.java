package dev.chatbot.connectors.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatbot.connectors.http.ApiException;
import dev.chatbot.connectors.http.Json;
import io.micronaut.http.HttpStatus;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The learning loop's inbox: recent customer messages the bot did not understand (out of scope, or answered with a
 * fallback), read from the stored trace of each bot turn, newest first, the same text counted once. An admin turns
 * one into an intent example or an FAQ entry, or dismisses it; either way it is recorded (table
 * {@code admin_inbox_handled}) and leaves the inbox.
 */
public final class MisunderstoodMessages {

    private final DataSource dataSource;
    private final Clock clock;
    private final int scan;

    public MisunderstoodMessages(DataSource dataSource, Clock clock, int scan) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.scan = Math.max(1, scan);
    }

    /** Up to {@code limit} messages, newest first. */
    public ObjectNode list(int limit) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode items = out.putArray("messages");
        Map<String, ObjectNode> byText = new LinkedHashMap<>();
        int scanned = 0;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT t.conversation_id, t.customer_seq, t.trace, t.created_at, m.text "
                     + "FROM turn_traces t JOIN messages m ON m.conversation_id = t.conversation_id AND m.seq = t.customer_seq "
                     + "LEFT JOIN admin_inbox_handled h ON h.conversation_id = t.conversation_id AND h.customer_seq = t.customer_seq "
                     + "WHERE h.conversation_id IS NULL ORDER BY t.created_at DESC LIMIT ?")) {
            ps.setInt(1, scan);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && byText.size() < limit) {
                    scanned++;
                    JsonNode trace = parse(rs.getString(3));
                    boolean oos = trace.at("/intent/out_of_scope").asBoolean(false);
                    boolean fallback = trace.at("/outcome/fallback").asBoolean(false);
                    if (!oos && !fallback) {
                        continue;
                    }
                    String text = rs.getString(5);
                    String key = text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
                    ObjectNode seen = byText.get(key);
                    if (seen != null) {
                        seen.put("count", seen.get("count").asInt() + 1);
                        continue;
                    }
                    ObjectNode n = Json.MAPPER.createObjectNode()
                            .put("conversationId", rs.getString(1))
                            .put("seq", rs.getLong(2))
                            .put("text", text)
                            .put("at", rs.getObject(4, OffsetDateTime.class).toInstant().toString())
                            .put("count", 1)
                            .put("reason", oos ? "out_of_scope" : "fallback")
                            .put("intent", trace.at("/intent/name").asText(""))
                            .put("confidence", trace.at("/intent/confidence").asDouble(0))
                            .put("decision", trace.at("/decision/policy").asText(""))
                            .put("model", trace.path("model").asText(""));
                    ArrayNode suggestions = n.putArray("suggestions");
                    for (JsonNode r : trace.at("/intent/ranking")) {
                        if (suggestions.size() < 3 && !r.path("intent").asText().equals("out_of_scope")) {
                            suggestions.addObject().put("intent", r.path("intent").asText())
                                    .put("score", r.path("score").asDouble());
                        }
                    }
                    JsonNode faq = trace.path("faq");
                    if (faq.isArray() && !faq.isEmpty()) {
                        n.put("nearestFaq", faq.get(0).path("id").asText()).put("nearestFaqScore", faq.get(0).path("score").asDouble());
                    }
                    byText.put(key, n);
                }
            }
        } catch (SQLException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "store_unavailable", "The conversation store cannot be read now.");
        }
        byText.values().forEach(items::add);
        out.put("scanned", scanned);
        return out;
    }

    /** Records that an admin dealt with a message ({@code dismissed}, {@code example:intent}, {@code faq:id}). */
    public void handled(String conversationId, long seq, String action, String who) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement check = c.prepareStatement(
                    "SELECT 1 FROM messages WHERE conversation_id = ? AND seq = ? AND role = 'customer'")) {
                check.setString(1, conversationId);
                check.setLong(2, seq);
                try (ResultSet rs = check.executeQuery()) {
                    if (!rs.next()) {
                        throw new ApiException(HttpStatus.NOT_FOUND, "not_found", "There is no such customer message.");
                    }
                }
            }
            try (PreparedStatement del = c.prepareStatement(
                    "DELETE FROM admin_inbox_handled WHERE conversation_id = ? AND customer_seq = ?")) {
                del.setString(1, conversationId);
                del.setLong(2, seq);
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO admin_inbox_handled (conversation_id, customer_seq, "
                    + "action, handled_by, handled_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, conversationId);
                ps.setLong(2, seq);
                ps.setString(3, action);
                ps.setString(4, who);
                ps.setObject(5, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "store_unavailable", "The conversation store cannot be written now.");
        }
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
