package dev.chatbot.connectors.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatbot.core.conversation.AppendResult;
import dev.chatbot.core.conversation.Conversation;
import dev.chatbot.core.conversation.ConversationState;
import dev.chatbot.core.conversation.Escalation;
import dev.chatbot.core.conversation.Message;
import dev.chatbot.core.conversation.MessageSource;
import dev.chatbot.core.conversation.NewMessage;
import dev.chatbot.core.conversation.Role;
import dev.chatbot.core.port.ConversationStore;
import dev.chatbot.core.port.StoreUnavailableException;
import dev.chatbot.core.port.UnknownConversationException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ConversationStore} on plain JDBC, for H2 and PostgreSQL alike.
 *
 * <p>Sequence numbers come from {@code conversations.last_seq}, read under a row lock
 * ({@code SELECT ... FOR UPDATE}) in the same transaction that inserts the message, so concurrent appends
 * from any number of nodes get consecutive numbers, and a failed insert rolls the counter back (no gaps).
 */
public final class JdbcConversationStore implements ConversationStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final Clock clock;

    public JdbcConversationStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public Conversation create(String locale, Optional<String> customerEmail) {
        String id = UUID.randomUUID().toString();
        OffsetDateTime now = now();
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO conversations (id, state, locale, customer_email, last_seq, created_at, updated_at) "
                            + "VALUES (?, ?, ?, ?, 0, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, ConversationState.BOT.wireName());
                ps.setString(3, locale);
                ps.setString(4, customerEmail.orElse(null));
                ps.setObject(5, now);
                ps.setObject(6, now);
                ps.executeUpdate();
            }
            return new Conversation(id, ConversationState.BOT, locale, customerEmail, 0, now.toInstant(),
                    now.toInstant());
        });
    }

    @Override
    public Optional<Conversation> find(String conversationId) {
        return inTransaction(c -> findConversation(c, conversationId, false));
    }

    @Override
    public AppendResult append(String conversationId, NewMessage message) {
        return inTransaction(c -> appendWithin(c, conversationId, message));
    }

    private AppendResult appendWithin(Connection c, String conversationId, NewMessage message) throws SQLException {
        Conversation conversation = findConversation(c, conversationId, true)
                .orElseThrow(() -> new UnknownConversationException(conversationId));
        if (message.clientId().isPresent()) {
            Optional<Message> earlier = findByClientId(c, conversationId, message.clientId().get());
            if (earlier.isPresent()) {
                return new AppendResult(earlier.get(), true);
            }
        }
        long seq = conversation.lastSeq() + 1;
        OffsetDateTime now = now();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO messages (conversation_id, seq, role, text, client_id, author, extras, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, conversationId);
            ps.setLong(2, seq);
            ps.setString(3, message.role().wireName());
            ps.setString(4, message.text());
            ps.setString(5, message.clientId().orElse(null));
            ps.setString(6, message.author().orElse(null));
            ps.setString(7, extras(message.quickReplies(), message.sources()));
            ps.setObject(8, now);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE conversations SET last_seq = ?, updated_at = ? WHERE id = ?")) {
            ps.setLong(1, seq);
            ps.setObject(2, now);
            ps.setString(3, conversationId);
            ps.executeUpdate();
        }
        return new AppendResult(new Message(conversationId, seq, message.role(), message.text(), now.toInstant(),
                message.clientId(), message.author(), message.quickReplies(), message.sources()), false);
    }

    @Override
    public List<Message> messagesAfter(String conversationId, long afterSeq, int limit) {
        return inTransaction(c -> messagesAfterWithin(c, conversationId, afterSeq, limit));
    }

    private List<Message> messagesAfterWithin(Connection c, String conversationId, long afterSeq, int limit)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, role, text, client_id, author, extras, created_at FROM messages "
                        + "WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?")) {
            ps.setString(1, conversationId);
            ps.setLong(2, afterSeq);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<Message> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(readMessage(conversationId, rs));
                }
                return out;
            }
        }
    }

    @Override
    public Conversation updateState(String conversationId, ConversationState state) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE conversations SET state = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, state.wireName());
                ps.setObject(2, now());
                ps.setString(3, conversationId);
                if (ps.executeUpdate() == 0) {
                    throw new UnknownConversationException(conversationId);
                }
            }
            return findConversation(c, conversationId, false).orElseThrow();
        });
    }

    @Override
    public Conversation escalate(String conversationId, Escalation escalation) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    // an agent who claimed the conversation keeps it: the escalation is recorded, the state stays
                    "UPDATE conversations SET state = CASE WHEN assigned_agent IS NULL THEN ? ELSE state END, "
                            + "escalation_signal = ?, escalation_score = ?, escalation_detail = ?, "
                            + "escalated_at = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, ConversationState.WAITING_FOR_AGENT.wireName());
                ps.setString(2, escalation.signal());
                ps.setDouble(3, escalation.score());
                ps.setString(4, truncate(escalation.detail(), 2000));
                ps.setObject(5, OffsetDateTime.ofInstant(escalation.at(), ZoneOffset.UTC));
                ps.setObject(6, now());
                ps.setString(7, conversationId);
                if (ps.executeUpdate() == 0) {
                    throw new UnknownConversationException(conversationId);
                }
            }
            return findConversation(c, conversationId, false).orElseThrow();
        });
    }

    @Override
    public Optional<Conversation> claim(String conversationId, String agent) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE conversations SET state = ?, assigned_agent = ?, updated_at = ? "
                            + "WHERE id = ? AND assigned_agent IS NULL AND state IN (?, ?)")) {
                ps.setString(1, ConversationState.AGENT.wireName());
                ps.setString(2, agent);
                ps.setObject(3, now());
                ps.setString(4, conversationId);
                ps.setString(5, ConversationState.WAITING_FOR_AGENT.wireName());
                ps.setString(6, ConversationState.BOT.wireName());
                if (ps.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            return findConversation(c, conversationId, false);
        });
    }

    @Override
    public Conversation release(String conversationId, ConversationState state) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE conversations SET state = ?, assigned_agent = NULL, updated_at = ? WHERE id = ?")) {
                ps.setString(1, state.wireName());
                ps.setObject(2, now());
                ps.setString(3, conversationId);
                if (ps.executeUpdate() == 0) {
                    throw new UnknownConversationException(conversationId);
                }
            }
            return findConversation(c, conversationId, false).orElseThrow();
        });
    }

    @Override
    public Optional<Conversation> releaseIfUnclaimed(String conversationId) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE conversations SET state = ?, updated_at = ? WHERE id = ? AND state = ? AND assigned_agent IS NULL")) {
                ps.setString(1, ConversationState.BOT.wireName());
                ps.setObject(2, now());
                ps.setString(3, conversationId);
                ps.setString(4, ConversationState.WAITING_FOR_AGENT.wireName());
                if (ps.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            return findConversation(c, conversationId, false);
        });
    }

    @Override
    public List<Conversation> list(ConversationState state, int limit) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + CONVERSATION_COLUMNS
                    + " FROM conversations WHERE state = ? ORDER BY updated_at LIMIT ?")) {
                ps.setString(1, state.wireName());
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Conversation> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(readConversation(rs));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public Optional<String> dialogueState(String conversationId) {
        return inTransaction(c -> dialogueStateWithin(c, conversationId));
    }

    private static Optional<String> dialogueStateWithin(Connection c, String conversationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT dialogue_state FROM conversations WHERE id = ?")) {
            ps.setString(1, conversationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    @Override
    public void saveDialogueState(String conversationId, String json) {
        inTransaction(c -> {
            saveDialogueStateWithin(c, conversationId, json);
            return null;
        });
    }

    private static void saveDialogueStateWithin(Connection c, String conversationId, String json) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE conversations SET dialogue_state = ? WHERE id = ?")) {
            ps.setString(1, json);
            ps.setString(2, conversationId);
            if (ps.executeUpdate() == 0) {
                throw new UnknownConversationException(conversationId);
            }
        }
    }

    @Override
    public void saveTrace(String conversationId, long customerSeq, String json) {
        inTransaction(c -> {
            saveTraceWithin(c, conversationId, customerSeq, json);
            return null;
        });
    }

    private void saveTraceWithin(Connection c, String conversationId, long customerSeq, String json)
            throws SQLException {
        try (PreparedStatement del = c.prepareStatement(
                "DELETE FROM turn_traces WHERE conversation_id = ? AND customer_seq = ?")) {
            del.setString(1, conversationId);
            del.setLong(2, customerSeq);
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO turn_traces (conversation_id, customer_seq, trace, created_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, conversationId);
            ps.setLong(2, customerSeq);
            ps.setString(3, truncate(json, 60000));
            ps.setObject(4, now());
            ps.executeUpdate();
        }
    }

    /** One read transaction for everything a bot turn starts from. */
    @Override
    public TurnContext turnContext(String conversationId, long upToSeq, int window) {
        return inTransaction(c -> {
            Conversation conversation = findConversation(c, conversationId, false)
                    .orElseThrow(() -> new UnknownConversationException(conversationId));
            List<Message> history = messagesAfterWithin(c, conversationId, Math.max(0, upToSeq - window), window)
                    .stream().filter(m -> m.seq() <= upToSeq).toList();
            return new TurnContext(conversation, dialogueStateWithin(c, conversationId), history);
        });
    }

    /** One transaction (one durable commit) for everything a bot turn produced. */
    @Override
    public List<Message> completeTurn(String conversationId, long customerSeq, Optional<String> dialogueState,
                                      Optional<String> trace, List<NewMessage> replies) {
        return inTransaction(c -> {
            if (dialogueState.isPresent()) {
                saveDialogueStateWithin(c, conversationId, dialogueState.get());
            }
            if (trace.isPresent()) {
                saveTraceWithin(c, conversationId, customerSeq, trace.get());
            }
            List<Message> stored = new ArrayList<>(replies.size());
            for (NewMessage reply : replies) {
                stored.add(appendWithin(c, conversationId, reply).message());
            }
            return stored;
        });
    }

    @Override
    public java.util.Map<Long, String> traces(String conversationId) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT customer_seq, trace FROM turn_traces WHERE conversation_id = ? ORDER BY customer_seq")) {
                ps.setString(1, conversationId);
                try (ResultSet rs = ps.executeQuery()) {
                    java.util.Map<Long, String> out = new java.util.LinkedHashMap<>();
                    while (rs.next()) {
                        out.put(rs.getLong(1), rs.getString(2));
                    }
                    return out;
                }
            }
        });
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** Stores the customer's rating of the conversation (1-5) and an optional comment. */
    public void rate(String conversationId, int score, Optional<String> comment) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE conversations SET rating = ?, rating_comment = ?, updated_at = ? WHERE id = ?")) {
                ps.setInt(1, score);
                ps.setString(2, comment.orElse(null));
                ps.setObject(3, now());
                ps.setString(4, conversationId);
                if (ps.executeUpdate() == 0) {
                    throw new UnknownConversationException(conversationId);
                }
            }
            return null;
        });
    }

    /** Conversations in state {@code bot} whose newest message is a customer message, newest first. */
    public List<Message> unansweredCustomerMessages(Instant since, int limit) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT m.conversation_id, m.seq, m.role, m.text, m.client_id, m.author, m.extras, m.created_at "
                            + "FROM conversations c JOIN messages m ON m.conversation_id = c.id AND m.seq = c.last_seq "
                            + "WHERE c.state = ? AND m.role = ? AND c.updated_at >= ? "
                            + "ORDER BY c.updated_at DESC LIMIT ?")) {
                ps.setString(1, ConversationState.BOT.wireName());
                ps.setString(2, Role.CUSTOMER.wireName());
                ps.setObject(3, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
                ps.setInt(4, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Message> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(readMessage(rs.getString("conversation_id"), rs));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public boolean isAvailable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private Optional<Conversation> findConversation(Connection c, String id, boolean lock) throws SQLException {
        String sql = "SELECT " + CONVERSATION_COLUMNS + " FROM conversations WHERE id = ?" + (lock ? " FOR UPDATE" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(readConversation(rs)) : Optional.empty();
            }
        }
    }

    private static final String CONVERSATION_COLUMNS = "id, state, locale, customer_email, last_seq, created_at, updated_at, "
            + "escalation_signal, escalation_score, escalation_detail, escalated_at, assigned_agent";

    private static Conversation readConversation(ResultSet rs) throws SQLException {
        Optional<Escalation> escalation = Optional.empty();
        if (rs.getString("escalation_signal") != null) {
            OffsetDateTime at = rs.getObject("escalated_at", OffsetDateTime.class);
            escalation = Optional.of(new Escalation(rs.getString("escalation_signal"), rs.getDouble("escalation_score"),
                    Optional.ofNullable(rs.getString("escalation_detail")).orElse(""),
                    at == null ? Instant.EPOCH : at.toInstant()));
        }
        return new Conversation(
                rs.getString("id"),
                ConversationState.fromWire(rs.getString("state")),
                rs.getString("locale"),
                Optional.ofNullable(rs.getString("customer_email")),
                rs.getLong("last_seq"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                escalation,
                Optional.ofNullable(rs.getString("assigned_agent")));
    }

    private Optional<Message> findByClientId(Connection c, String conversationId, String clientId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, role, text, client_id, author, extras, created_at FROM messages "
                        + "WHERE conversation_id = ? AND client_id = ?")) {
            ps.setString(1, conversationId);
            ps.setString(2, clientId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(readMessage(conversationId, rs)) : Optional.empty();
            }
        }
    }

    private static Message readMessage(String conversationId, ResultSet rs) throws SQLException {
        List<String> quickReplies = new ArrayList<>();
        List<MessageSource> sources = new ArrayList<>();
        String extras = rs.getString("extras");
        if (extras != null) {
            try {
                JsonNode node = JSON.readTree(extras);
                node.path("quickReplies").forEach(q -> quickReplies.add(q.asText()));
                node.path("sources").forEach(s -> sources.add(
                        new MessageSource(s.path("id").asText(), s.path("title").asText())));
            } catch (JsonProcessingException e) {
                throw new SQLException("corrupt extras of message " + conversationId + "#" + rs.getLong("seq"), e);
            }
        }
        return new Message(conversationId, rs.getLong("seq"), Role.fromWire(rs.getString("role")),
                rs.getString("text"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                Optional.ofNullable(rs.getString("client_id")), Optional.ofNullable(rs.getString("author")),
                quickReplies, sources);
    }

    private static String extras(List<String> quickReplies, List<MessageSource> sources) {
        if (quickReplies.isEmpty() && sources.isEmpty()) {
            return null;
        }
        ObjectNode node = JSON.createObjectNode();
        if (!quickReplies.isEmpty()) {
            ArrayNode q = node.putArray("quickReplies");
            quickReplies.forEach(q::add);
        }
        if (!sources.isEmpty()) {
            ArrayNode s = node.putArray("sources");
            sources.forEach(src -> s.addObject().put("id", src.id()).put("title", src.title()));
        }
        return node.toString();
    }

    private OffsetDateTime now() {
        // microseconds: what both databases keep, so a value read back equals the value written
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("conversation store failed: " + e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the original failure is what matters
        }
    }
}
