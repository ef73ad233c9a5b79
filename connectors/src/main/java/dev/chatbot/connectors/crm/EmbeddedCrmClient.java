package dev.chatbot.connectors.crm;

import dev.chatbot.core.crm.CrmClient;
import dev.chatbot.core.crm.CrmException;
import dev.chatbot.core.crm.Customer;
import dev.chatbot.core.crm.Order;
import dev.chatbot.core.crm.OrderItem;
import dev.chatbot.core.crm.OrderNotCancellableException;
import dev.chatbot.core.crm.OrderStatus;
import dev.chatbot.core.crm.RefundRequest;
import dev.chatbot.core.crm.RefundResult;
import dev.chatbot.core.crm.UnknownOrderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The demo CRM, in the server's own database (tables {@code crm_*}, migration V3), so the bot can hold real order
 * conversations with zero setup. Plain JDBC, the same on H2 and PostgreSQL. Database failures are reported as
 * {@link CrmException} of kind {@code UNAVAILABLE}, like an unreachable CRM.
 *
 * <p>Refunds are recorded and answered {@code requested}, or {@code rejected} when the order is cancelled, the
 * currency is not the order's, or the order's refunds would exceed its total. Cancelling checks and changes the
 * status in one statement, so two concurrent cancellations cannot both succeed.
 */
public final class EmbeddedCrmClient implements CrmClient {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCrmClient.class);
    private static final String ORDER_COLUMNS = "o.id, c.email, o.status, o.placed_at, o.total, o.currency, "
            + "o.shipped_at, o.carrier, o.tracking_number, o.delivered_at, o.estimated_delivery";
    private static final char[] REFUND_ID_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    private final DataSource dataSource;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public EmbeddedCrmClient(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public Optional<Order> findOrder(String orderId) {
        if (!CrmArguments.plausibleOrderId(orderId)) {
            return Optional.empty();
        }
        return inTransaction(c -> readOrder(c, orderId));
    }

    @Override
    public Optional<Customer> findCustomerByEmail(String email) {
        if (!CrmArguments.plausibleEmail(email)) {
            return Optional.empty();
        }
        return inTransaction(c -> {
            String id;
            String storedEmail;
            String name;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, email, name FROM crm_customers WHERE email_key = ?")) {
                ps.setString(1, CrmArguments.emailKey(email));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    id = rs.getString(1);
                    storedEmail = rs.getString(2);
                    name = rs.getString(3);
                }
            }
            List<String> orderIds = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM crm_orders WHERE customer_id = ? ORDER BY placed_at, id")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        orderIds.add(rs.getString(1));
                    }
                }
            }
            return Optional.of(new Customer(id, storedEmail, name, orderIds));
        });
    }

    @Override
    public RefundResult requestRefund(RefundRequest request) {
        CrmArguments.validate(request);
        if (!CrmArguments.plausibleOrderId(request.orderId())) {
            throw new UnknownOrderException(request.orderId());
        }
        return inTransaction(c -> {
            OrderStatus status;
            BigDecimal total;
            String currency;
            // the row lock serialises refunds of one order, so the running total below cannot be raced past
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT status, total, currency FROM crm_orders WHERE id = ? FOR UPDATE")) {
                ps.setString(1, request.orderId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new UnknownOrderException(request.orderId());
                    }
                    status = OrderStatus.fromWire(rs.getString(1));
                    total = rs.getBigDecimal(2);
                    currency = rs.getString(3);
                }
            }
            BigDecimal refunded;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COALESCE(SUM(amount), 0) FROM crm_refunds WHERE order_id = ? AND status <> 'rejected'")) {
                ps.setString(1, request.orderId());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    refunded = rs.getBigDecimal(1);
                }
            }
            String decision = RefundRules.decide(status, total, currency, refunded, request);
            String refundId = newRefundId();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO crm_refunds (id, order_id, amount, currency, reason, status, created_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, refundId);
                ps.setString(2, request.orderId());
                ps.setBigDecimal(3, request.amount());
                ps.setString(4, request.currency());
                ps.setString(5, request.reason());
                ps.setString(6, decision);
                ps.setObject(7, now());
                ps.executeUpdate();
            }
            LOG.atInfo().addKeyValue("order", request.orderId()).addKeyValue("refund", refundId)
                    .addKeyValue("status", decision).log("demo CRM recorded a refund request");
            return new RefundResult(refundId, decision);
        });
    }

    @Override
    public Order cancelOrder(String orderId) {
        if (!CrmArguments.plausibleOrderId(orderId)) {
            throw new UnknownOrderException(orderId);
        }
        return inTransaction(c -> {
            int changed;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE crm_orders SET status = 'cancelled', estimated_delivery = NULL, updated_at = ? "
                            + "WHERE id = ? AND status IN ('pending', 'processing')")) {
                ps.setObject(1, now());
                ps.setString(2, orderId);
                changed = ps.executeUpdate();
            }
            Order order = readOrder(c, orderId).orElseThrow(() -> new UnknownOrderException(orderId));
            if (changed == 0) {
                throw new OrderNotCancellableException(orderId, order.status());
            }
            LOG.atInfo().addKeyValue("order", orderId).log("demo CRM cancelled an order");
            return order;
        });
    }

    private static Optional<Order> readOrder(Connection c, String orderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ORDER_COLUMNS
                + " FROM crm_orders o JOIN crm_customers c ON c.id = o.customer_id WHERE o.id = ?")) {
            ps.setString(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String id = rs.getString(1);
                String email = rs.getString(2);
                OrderStatus status = OrderStatus.fromWire(rs.getString(3));
                Instant placedAt = instant(rs, 4).orElseThrow();
                BigDecimal total = rs.getBigDecimal(5);
                String currency = rs.getString(6);
                Optional<Instant> shippedAt = instant(rs, 7);
                Optional<String> carrier = Optional.ofNullable(rs.getString(8));
                Optional<String> tracking = Optional.ofNullable(rs.getString(9));
                Optional<Instant> deliveredAt = instant(rs, 10);
                Optional<LocalDate> estimated = Optional.ofNullable(rs.getObject(11, LocalDate.class));
                return Optional.of(new Order(id, email, status, placedAt, readItems(c, id), total, currency,
                        shippedAt, carrier, tracking, deliveredAt, estimated));
            }
        }
    }

    private static List<OrderItem> readItems(Connection c, String orderId) throws SQLException {
        List<OrderItem> items = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT sku, name, quantity, price FROM crm_order_items WHERE order_id = ? ORDER BY line_no")) {
            ps.setString(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(new OrderItem(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBigDecimal(4)));
                }
            }
        }
        return items;
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private String newRefundId() {
        StringBuilder id = new StringBuilder("RF");
        for (int i = 0; i < 10; i++) {
            id.append(REFUND_ID_ALPHABET[random.nextInt(REFUND_ID_ALPHABET.length)]);
        }
        return id.toString();
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new CrmException(CrmException.Kind.UNAVAILABLE, "embedded CRM database error: " + e.getMessage(), e);
        }
    }
}
