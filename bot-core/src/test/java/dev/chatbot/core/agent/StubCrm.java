package dev.chatbot.core.agent;

import dev.chatbot.core.crm.CrmClient;
import dev.chatbot.core.crm.CrmException;
import dev.chatbot.core.crm.Customer;
import dev.chatbot.core.crm.Order;
import dev.chatbot.core.crm.OrderItem;
import dev.chatbot.core.crm.OrderStatus;
import dev.chatbot.core.crm.RefundRequest;
import dev.chatbot.core.crm.RefundResult;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test double of the CRM port with two customers; the real CRMs pass their own contract suite. */
final class StubCrm implements CrmClient {

    final Map<String, Order> orders = new HashMap<>();
    final Map<String, Customer> customers = new HashMap<>();
    boolean down;

    StubCrm() {
        orders.put("A1B2C3", order("A1B2C3", "ann@example.com", OrderStatus.SHIPPED, "2026-11-20T10:00:00Z"));
        orders.put("D4E5F6", order("D4E5F6", "ann@example.com", OrderStatus.DELIVERED, "2026-10-01T10:00:00Z"));
        orders.put("G7H8J9", order("G7H8J9", "bob@example.com", OrderStatus.PENDING, "2026-11-22T10:00:00Z"));
        customers.put("ann@example.com", new Customer("c-1", "ann@example.com", "Ann Lee", List.of("D4E5F6", "A1B2C3")));
        customers.put("bob@example.com", new Customer("c-2", "bob@example.com", "Bob Ray", List.of("G7H8J9")));
    }

    private static Order order(String id, String email, OrderStatus status, String placed) {
        return new Order(id, email, status, Instant.parse(placed),
                List.of(new OrderItem("SKU-1", "Trail shoe", 1, new BigDecimal("89.90"))), new BigDecimal("89.90"), "EUR",
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Override
    public Optional<Order> findOrder(String orderId) {
        check();
        return Optional.ofNullable(orders.get(orderId));
    }

    @Override
    public Optional<Customer> findCustomerByEmail(String email) {
        check();
        return Optional.ofNullable(customers.get(email));
    }

    @Override
    public RefundResult requestRefund(RefundRequest request) {
        throw new UnsupportedOperationException("not used by the agent desk");
    }

    @Override
    public Order cancelOrder(String orderId) {
        throw new UnsupportedOperationException("not used by the agent desk");
    }

    private void check() {
        if (down) {
            throw new CrmException(CrmException.Kind.TIMEOUT, "stub CRM is down");
        }
    }
}
