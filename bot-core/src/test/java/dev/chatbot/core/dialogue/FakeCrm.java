package dev.chatbot.core.dialogue;

import dev.chatbot.core.crm.CrmClient;
import dev.chatbot.core.crm.CrmException;
import dev.chatbot.core.crm.Customer;
import dev.chatbot.core.crm.Order;
import dev.chatbot.core.crm.OrderItem;
import dev.chatbot.core.crm.OrderStatus;
import dev.chatbot.core.crm.RefundRequest;
import dev.chatbot.core.crm.RefundResult;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A fake of the CRM port for unit tests of the dialogue engine (the real CRMs have their own contract tests). */
final class FakeCrm implements CrmClient {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    final Map<String, Order> orders = new HashMap<>();
    final List<RefundRequest> refunds = new ArrayList<>();
    boolean down;

    FakeCrm() {
        add(order("A1B2C3", "ann@example.com", OrderStatus.SHIPPED, "89.90", NOW.minus(Duration.ofDays(2)), null));
        add(order("D4E5F6", "ann@example.com", OrderStatus.DELIVERED, "49.00", NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(5))));
        add(order("G7H8J9", "bob@example.com", OrderStatus.DELIVERED, "450.00", NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(5))));
        add(order("K1L2M3", "bob@example.com", OrderStatus.DELIVERED, "30.00", NOW.minus(Duration.ofDays(60)), NOW.minus(Duration.ofDays(45))));
        add(order("P4Q5R6", "cat@example.com", OrderStatus.PENDING, "120.00", NOW.minus(Duration.ofHours(3)), null));
    }

    private void add(Order o) {
        orders.put(o.id(), o);
    }

    private static Order order(String id, String email, OrderStatus status, String total, Instant placed, Instant delivered) {
        boolean shipped = status == OrderStatus.SHIPPED || status == OrderStatus.DELIVERED;
        return new Order(id, email, status, placed, List.of(new OrderItem("TENT-2P", "Trail Tent 2P", 1, new BigDecimal(total))),
                new BigDecimal(total), "EUR", shipped ? Optional.of(placed.plus(Duration.ofDays(1))) : Optional.empty(),
                shipped ? Optional.of("DHL") : Optional.empty(), shipped ? Optional.of("JD0001234567") : Optional.empty(),
                Optional.ofNullable(delivered), status == OrderStatus.SHIPPED ? Optional.of(LocalDate.of(2026, 11, 25)) : Optional.empty());
    }

    @Override
    public Optional<Order> findOrder(String orderId) {
        if (down) {
            throw new CrmException(CrmException.Kind.UNAVAILABLE, "fake CRM down");
        }
        return Optional.ofNullable(orders.get(orderId));
    }

    @Override
    public Optional<Customer> findCustomerByEmail(String email) {
        return Optional.empty();
    }

    @Override
    public RefundResult requestRefund(RefundRequest request) {
        refunds.add(request);
        return new RefundResult("R-" + refunds.size(), "requested");
    }

    @Override
    public Order cancelOrder(String orderId) {
        Order o = orders.get(orderId);
        Order cancelled = new Order(o.id(), o.customerEmail(), OrderStatus.CANCELLED, o.placedAt(), o.items(), o.total(),
                o.currency(), o.shippedAt(), o.carrier(), o.trackingNumber(), o.deliveredAt(), o.estimatedDelivery());
        orders.put(orderId, cancelled);
        return cancelled;
    }
}
