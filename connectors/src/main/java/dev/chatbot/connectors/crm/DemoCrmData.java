package dev.chatbot.connectors.crm;

import dev.chatbot.core.crm.Customer;
import dev.chatbot.core.crm.Order;
import dev.chatbot.core.crm.OrderItem;
import dev.chatbot.core.crm.OrderStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo shop's customers and orders, with every date relative to one day (the server's start-up day, UTC), so a
 * demo always reads naturally: "shipped 2 days ago, arriving in 2 days". The set is fixed and documented in
 * {@code docs/crm.md}: it covers every order status, an order inside and one outside the 30-day return window, an
 * order above the automatic refund limit, three currencies and a customer with several orders.
 *
 * <p>The embedded CRM stores exactly this data ({@link DemoCrmSeeder}); tests serve the same data from a fake HTTP
 * CRM, so both connectors can be held to the same expectations.
 */
public final class DemoCrmData {

    /** A demo customer as stored (the order ids come from the orders). */
    public record DemoCustomer(String id, String email, String name) {
    }

    private final LocalDate today;
    private final List<DemoCustomer> customers = new ArrayList<>();
    private final Map<String, DemoCustomer> customerOfOrder = new LinkedHashMap<>();
    private final List<Order> orders = new ArrayList<>();

    private DemoCrmData(LocalDate today) {
        this.today = today;
        DemoCustomer maya = customer("C1001", "maya.thompson@example.com", "Maya Thompson");
        DemoCustomer jonas = customer("C1002", "jonas.becker@example.com", "Jonas Becker");
        DemoCustomer priya = customer("C1003", "priya.shah@example.com", "Priya Shah");
        DemoCustomer sofia = customer("C1004", "sofia.rossi@example.com", "Sofia Rossi");
        DemoCustomer liam = customer("C1005", "liam.oconnor@example.com", "Liam O'Connor");
        DemoCustomer ethan = customer("C1006", "ethan.park@example.com", "Ethan Park");

        // shipped two days ago, arriving in two days
        add(maya, new Order("A1B2C3", maya.email(), OrderStatus.SHIPPED, at(-4, 10, 15),
                List.of(item("HB-RIDGE-42", "Ridgeline hiking boots, EU 42", 1, "149.00"),
                        item("WB-STEEL-750", "Steel water bottle 750 ml", 2, "24.50")),
                money("198.00"), "USD", Optional.of(at(-2, 16, 40)), Optional.of("UPS"),
                Optional.of("1Z4F81W70391847265"), Optional.empty(), Optional.of(today.plusDays(2))));
        // delivered five days ago: inside the 30-day return window, below the automatic refund limit
        add(maya, new Order("K7P2Q9", maya.email(), OrderStatus.DELIVERED, at(-9, 8, 5),
                List.of(item("RJ-STORM-M", "Stormline rain jacket, size M", 1, "89.00")),
                money("89.00"), "USD", Optional.of(at(-7, 13, 20)), Optional.of("UPS"),
                Optional.of("1Z4F81W70391550123"), Optional.of(at(-5, 11, 30)), Optional.empty()));
        // placed last night, payment not yet confirmed: can be cancelled
        add(maya, new Order("M4N8R2", maya.email(), OrderStatus.PENDING, at(-1, 21, 45),
                List.of(item("HL-BEACON-300", "Beacon 300 headlamp", 1, "34.95"),
                        item("MG-ENAMEL", "Enamel camping mug", 2, "12.00")),
                money("58.95"), "USD", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty()));
        // being packed: can be cancelled
        add(jonas, new Order("D5F6G7", jonas.email(), OrderStatus.PROCESSING, at(-1, 9, 10),
                List.of(item("SB-ALPINE-5", "Alpine down sleeping bag, -5 C", 1, "219.00")),
                money("219.00"), "EUR", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(today.plusDays(4))));
        // shipped yesterday with DHL, arriving in three days
        add(jonas, new Order("B6V3N1", jonas.email(), OrderStatus.SHIPPED, at(-3, 14, 0),
                List.of(item("TP-CARBON", "Carbon trekking poles, pair", 1, "79.90")),
                money("79.90"), "EUR", Optional.of(at(-1, 11, 5)), Optional.of("DHL"),
                Optional.of("JJD0001498210338"), Optional.empty(), Optional.of(today.plusDays(3))));
        // delivered 40 days ago: outside the 30-day return window
        add(priya, new Order("H3J9L4", priya.email(), OrderStatus.DELIVERED, at(-46, 17, 25),
                List.of(item("BP-SUMMIT-28", "Summit 28 L daypack", 1, "64.00")),
                money("64.00"), "GBP", Optional.of(at(-44, 9, 0)), Optional.of("Royal Mail"),
                Optional.of("RM482915736GB"), Optional.of(at(-40, 12, 10)), Optional.empty()));
        add(sofia, new Order("P8Q1W5", sofia.email(), OrderStatus.CANCELLED, at(-10, 19, 30),
                List.of(item("CH-FOLD", "Folding camping chair", 2, "39.00")),
                money("78.00"), "EUR", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty()));
        add(liam, new Order("R2T7Y6", liam.email(), OrderStatus.RETURNED, at(-25, 7, 50),
                List.of(item("LT-GLOW", "Glowfield LED lantern", 1, "29.50")),
                money("29.50"), "GBP", Optional.of(at(-23, 15, 0)), Optional.of("Royal Mail"),
                Optional.of("RM771204583GB"), Optional.of(at(-21, 10, 45)), Optional.empty()));
        // delivered three days ago, 450.00: above a typical automatic refund limit
        add(ethan, new Order("X9Z4C8", ethan.email(), OrderStatus.DELIVERED, at(-8, 12, 0),
                List.of(item("TN-TRAIL-2P", "Trailhead 2-person tent", 1, "389.00"),
                        item("TF-TRAIL-2P", "Trailhead tent footprint", 1, "61.00")),
                money("450.00"), "USD", Optional.of(at(-6, 10, 30)), Optional.of("USPS"),
                Optional.of("9400111899223847561230"), Optional.of(at(-3, 15, 20)), Optional.empty()));
    }

    /** The demo data with dates relative to {@code today}. */
    public static DemoCrmData forDay(LocalDate today) {
        return new DemoCrmData(today);
    }

    public LocalDate today() {
        return today;
    }

    public List<DemoCustomer> demoCustomers() {
        return List.copyOf(customers);
    }

    /** The customers as the port reports them, with their order ids oldest first. */
    public List<Customer> customers() {
        return customers.stream().map(c -> new Customer(c.id(), c.email(), c.name(), orderIdsOf(c))).toList();
    }

    public List<Order> orders() {
        return List.copyOf(orders);
    }

    public Order order(String id) {
        return orders.stream().filter(o -> o.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo order " + id));
    }

    public Customer customer(String email) {
        return customers().stream().filter(c -> c.email().equals(email)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo customer " + email));
    }

    /** The customer who placed this order. */
    public DemoCustomer customerOf(Order order) {
        return customerOfOrder.get(order.id());
    }

    private List<String> orderIdsOf(DemoCustomer c) {
        return orders.stream().filter(o -> customerOfOrder.get(o.id()) == c)
                .sorted((a, b) -> a.placedAt().compareTo(b.placedAt())).map(Order::id).toList();
    }

    private DemoCustomer customer(String id, String email, String name) {
        DemoCustomer c = new DemoCustomer(id, email, name);
        customers.add(c);
        return c;
    }

    private void add(DemoCustomer customer, Order order) {
        orders.add(order);
        customerOfOrder.put(order.id(), customer);
    }

    private Instant at(int days, int hour, int minute) {
        return today.plusDays(days).atTime(LocalTime.of(hour, minute)).toInstant(ZoneOffset.UTC);
    }

    private static OrderItem item(String sku, String name, int quantity, String price) {
        return new OrderItem(sku, name, quantity, money(price));
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }
}
