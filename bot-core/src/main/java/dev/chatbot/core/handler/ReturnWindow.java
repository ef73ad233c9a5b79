package dev.chatbot.core.handler;

import dev.chatbot.core.crm.Order;
import dev.chatbot.core.crm.OrderStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Whether a delivered order is still inside the return window the admin configured. */
final class ReturnWindow {

    private ReturnWindow() {
    }

    static boolean isOpen(Order order, int days, Clock clock) {
        if (order.status() != OrderStatus.DELIVERED) {
            return false;
        }
        Instant delivered = order.deliveredAt().orElse(order.placedAt());
        return !clock.instant().isAfter(delivered.plus(Duration.ofDays(days)));
    }
}
