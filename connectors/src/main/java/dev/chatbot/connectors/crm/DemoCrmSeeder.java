package dev.chatbot.connectors.crm;

import dev.chatbot.core.crm.Order;
import dev.chatbot.core.crm.OrderItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills the embedded CRM with {@link DemoCrmData} when it is empty, and on later start-ups moves the demo dates
 * forward by the days that passed, so the demo keeps reading naturally ("shipped 2 days ago") however old the
 * database is. Changes made through the bot (a cancelled order, refund requests) are kept.
 *
 * <p>Safe with several nodes starting at once on one PostgreSQL database: the insert is one transaction, and a node
 * that loses the race sees a duplicate key, rolls back and leaves the winner's data alone; the date shift runs under
 * a row lock on the anchor.
 */
public final class DemoCrmSeeder {

    /** What a run did. */
    public enum Outcome { SEEDED, SHIFTED, UNCHANGED }

    private static final Logger LOG = LoggerFactory.getLogger(DemoCrmSeeder.class);

    private final DataSource dataSource;
    private final Clock clock;

    public DemoCrmSeeder(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * Seeds an empty CRM, or re-anchors the demo dates to today.
     *
     * @throws SQLException when the database cannot be used
     */
    public Outcome run() throws SQLException {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Outcome outcome = isEmpty(c) ? seed(c, DemoCrmData.forDay(today), utc(now)) : shift(c, today);
                c.commit();
                return outcome;
            } catch (SQLException e) {
                c.rollback();
                if (isDuplicateKey(e)) {
                    LOG.atInfo().log("demo CRM data was seeded by another node meanwhile");
                    return Outcome.UNCHANGED;
                }
                throw e;
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static boolean isEmpty(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM crm_customers");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) == 0;
        }
    }

    private static Outcome seed(Connection c, DemoCrmData data, OffsetDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO crm_customers (id, email, email_key, name) VALUES (?, ?, ?, ?)")) {
            for (DemoCrmData.DemoCustomer customer : data.demoCustomers()) {
                ps.setString(1, customer.id());
                ps.setString(2, customer.email());
                ps.setString(3, CrmArguments.emailKey(customer.email()));
                ps.setString(4, customer.name());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement orders = c.prepareStatement(
                "INSERT INTO crm_orders (id, customer_id, status, placed_at, total, currency, shipped_at, carrier, "
                        + "tracking_number, delivered_at, estimated_delivery, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement items = c.prepareStatement(
                     "INSERT INTO crm_order_items (order_id, line_no, sku, name, quantity, price) "
                             + "VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Order o : data.orders()) {
                orders.setString(1, o.id());
                orders.setString(2, data.customerOf(o).id());
                orders.setString(3, o.status().wireName());
                orders.setObject(4, utc(o.placedAt()));
                orders.setBigDecimal(5, o.total());
                orders.setString(6, o.currency());
                orders.setObject(7, o.shippedAt().map(DemoCrmSeeder::utc).orElse(null));
                orders.setString(8, o.carrier().orElse(null));
                orders.setString(9, o.trackingNumber().orElse(null));
                orders.setObject(10, o.deliveredAt().map(DemoCrmSeeder::utc).orElse(null));
                orders.setObject(11, o.estimatedDelivery().orElse(null));
                orders.setObject(12, now);
                orders.addBatch();
                int line = 1;
                for (OrderItem item : o.items()) {
                    items.setString(1, o.id());
                    items.setInt(2, line++);
                    items.setString(3, item.sku());
                    items.setString(4, item.name());
                    items.setInt(5, item.quantity());
                    items.setBigDecimal(6, item.price());
                    items.addBatch();
                }
            }
            orders.executeBatch();
            items.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO crm_demo_anchor (id, anchor_day) VALUES (1, ?)")) {
            ps.setObject(1, data.today());
            ps.executeUpdate();
        }
        LOG.atInfo().addKeyValue("customers", data.demoCustomers().size()).addKeyValue("orders", data.orders().size())
                .log("seeded the demo CRM");
        return Outcome.SEEDED;
    }

    /** Moves every order's dates forward by the days since the anchor day. */
    private static Outcome shift(Connection c, LocalDate today) throws SQLException {
        LocalDate anchor;
        try (PreparedStatement ps = c.prepareStatement("SELECT anchor_day FROM crm_demo_anchor WHERE id = 1 FOR UPDATE");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Outcome.UNCHANGED; // data that did not come from the seeder: leave it alone
            }
            anchor = rs.getObject(1, LocalDate.class);
        }
        long days = ChronoUnit.DAYS.between(anchor, today);
        if (days <= 0) {
            return Outcome.UNCHANGED;
        }
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, placed_at, shipped_at, delivered_at, estimated_delivery FROM crm_orders");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Object[]{rs.getString(1), rs.getObject(2, OffsetDateTime.class),
                        rs.getObject(3, OffsetDateTime.class), rs.getObject(4, OffsetDateTime.class),
                        rs.getObject(5, LocalDate.class)});
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE crm_orders SET placed_at = ?, shipped_at = ?, "
                + "delivered_at = ?, estimated_delivery = ? WHERE id = ?")) {
            for (Object[] row : rows) {
                ps.setObject(1, plusDays((OffsetDateTime) row[1], days));
                ps.setObject(2, plusDays((OffsetDateTime) row[2], days));
                ps.setObject(3, plusDays((OffsetDateTime) row[3], days));
                ps.setObject(4, row[4] == null ? null : ((LocalDate) row[4]).plusDays(days));
                ps.setString(5, (String) row[0]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE crm_demo_anchor SET anchor_day = ? WHERE id = 1")) {
            ps.setObject(1, today);
            ps.executeUpdate();
        }
        LOG.atInfo().addKeyValue("days", days).addKeyValue("orders", rows.size())
                .log("moved the demo CRM's dates forward to today");
        return Outcome.SHIFTED;
    }

    private static OffsetDateTime plusDays(OffsetDateTime t, long days) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).plusDays(days);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** SQLState class 23 (integrity constraint violation), as both H2 and PostgreSQL report a duplicate key. */
    private static boolean isDuplicateKey(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (x.getSQLState() != null && x.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return e instanceof java.sql.BatchUpdateException b && b.getCause() instanceof SQLException s
                && s.getSQLState() != null && s.getSQLState().startsWith("23");
    }
}
