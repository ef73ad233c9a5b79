package dev.chatbot.connectors.agent;

import dev.chatbot.core.agent.Agent;
import dev.chatbot.core.agent.AgentNote;
import dev.chatbot.core.agent.AgentNoteStore;
import dev.chatbot.core.port.StoreUnavailableException;
import dev.chatbot.core.port.UnknownConversationException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** {@link AgentNoteStore} on plain JDBC (table {@code agent_notes}), for H2 and PostgreSQL alike. */
public final class JdbcAgentNoteStore implements AgentNoteStore {

    private final DataSource dataSource;
    private final Clock clock;

    public JdbcAgentNoteStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public AgentNote add(String conversationId, Agent author, String text) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement check = c.prepareStatement("SELECT 1 FROM conversations WHERE id = ?")) {
                check.setString(1, conversationId);
                try (ResultSet rs = check.executeQuery()) {
                    if (!rs.next()) {
                        throw new UnknownConversationException(conversationId);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent_notes (conversation_id, author, author_name, "
                    + "text, created_at) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, conversationId);
                ps.setString(2, author.username());
                ps.setString(3, author.displayName());
                ps.setString(4, text);
                ps.setObject(5, now);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return new AgentNote(keys.getLong(1), conversationId, author.username(), author.displayName(), text,
                            now.toInstant());
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("note store failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<AgentNote> list(String conversationId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, author, author_name, text, created_at FROM agent_notes "
                     + "WHERE conversation_id = ? ORDER BY id")) {
            ps.setString(1, conversationId);
            try (ResultSet rs = ps.executeQuery()) {
                List<AgentNote> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new AgentNote(rs.getLong("id"), conversationId, rs.getString("author"),
                            rs.getString("author_name"), rs.getString("text"),
                            rs.getObject("created_at", OffsetDateTime.class).toInstant()));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("note store failed: " + e.getMessage(), e);
        }
    }
}
