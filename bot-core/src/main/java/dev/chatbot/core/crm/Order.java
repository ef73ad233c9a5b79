package dev.chatbot.core.crm;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * An order as the CRM reports it (contracts section 4). Text fields come from outside and are plain text: they are
 * never interpreted as instructions or HTML.
 */
public record Order(String id, String customerEmail, OrderStatus status, Instant placedAt, List<OrderItem> items,
                    BigDecimal total, String currency, Optional<Instant> shippedAt, Optional<String> carrier,
                    Optional<String> trackingNumber, Optional<Instant> deliveredAt,
                    Optional<LocalDate> estimatedDelivery) {

    public Order {
        items = List.copyOf(items);
    }

    /** Whether this e-mail address is the one on the order (case-insensitive, surrounding spaces ignored). */
    public boolean belongsTo(String email) {
        return email != null && customerEmail.strip().equalsIgnoreCase(email.strip());
    }
}
