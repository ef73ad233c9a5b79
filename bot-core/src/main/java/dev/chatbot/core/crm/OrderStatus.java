package dev.chatbot.core.crm;

import java.util.Arrays;
import java.util.Locale;

/** The status of an order, as in contracts section 4. */
public enum OrderStatus {
    PENDING, PROCESSING, SHIPPED, DELIVERED, CANCELLED, RETURNED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderStatus fromWire(String name) {
        return Arrays.stream(values())
                .filter(s -> s.wireName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown order status: " + name));
    }
}
