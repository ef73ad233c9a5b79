package dev.chatbot.core.crm;

import java.math.BigDecimal;

/** One line of an order. {@code price} is the unit price in the order's currency. */
public record OrderItem(String sku, String name, int quantity, BigDecimal price) {
}
