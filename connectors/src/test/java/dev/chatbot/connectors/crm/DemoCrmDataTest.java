package dev.chatbot.connectors.crm;

import dev.chatbot.core.crm.Order;
import dev.chatbot.core.crm.OrderItem;
import dev.chatbot.core.crm.OrderStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo data promises of docs/crm.md. */
class DemoCrmDataTest {

    private static final LocalDate DAY = LocalDate.of(2025, 3, 1);
    private final DemoCrmData demo = DemoCrmData.forDay(DAY);
    private final Instant startOfDay = DAY.atStartOfDay().toInstant(ZoneOffset.UTC);

    @Test
    void covers_every_order_status_and_three_currencies() {
        assertThat(demo.orders().stream().map(Order::status).collect(Collectors.toSet()))
                .isEqualTo(EnumSet.allOf(OrderStatus.class));
        assertThat(demo.orders().stream().map(Order::currency).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("EUR", "GBP", "USD");
    }

    @Test
    void uses_six_character_ids_with_letters_and_digits_and_example_com_addresses() {
        Set<String> ids = new HashSet<>();
        for (Order o : demo.orders()) {
            assertThat(o.id()).matches("(?=.*[0-9])(?=.*[A-Z])[A-Z0-9]{6}");
            assertThat(ids.add(o.id())).as("unique " + o.id()).isTrue();
            assertThat(o.customerEmail()).endsWith("@example.com");
            assertThat(o.customerEmail()).isEqualTo(demo.customerOf(o).email());
        }
    }

    @Test
    void has_a_shipped_order_with_carrier_tracking_and_a_future_delivery_date() {
        Order a = demo.order("A1B2C3");
        assertThat(a.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(a.carrier()).isPresent();
        assertThat(a.trackingNumber()).isPresent();
        assertThat(a.shippedAt()).contains(DAY.minusDays(2).atTime(16, 40).toInstant(ZoneOffset.UTC));
        assertThat(a.estimatedDelivery()).contains(DAY.plusDays(2));
    }

    @Test
    void has_delivered_orders_inside_and_outside_a_30_day_return_window() {
        Order recent = demo.order("K7P2Q9");
        Order old = demo.order("H3J9L4");
        assertThat(recent.status()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(old.status()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(Duration.between(recent.deliveredAt().orElseThrow(), startOfDay).toDays()).isLessThan(30);
        assertThat(Duration.between(old.deliveredAt().orElseThrow(), startOfDay).toDays()).isGreaterThanOrEqualTo(39);
        assertThat(recent.total()).isLessThan(new BigDecimal("100"));
    }

    @Test
    void has_an_expensive_order_above_a_typical_automatic_refund_limit() {
        Order x = demo.order("X9Z4C8");
        assertThat(x.status()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(x.total()).isEqualByComparingTo("450.00");
    }

    @Test
    void has_a_customer_with_several_orders() {
        assertThat(demo.customer("maya.thompson@example.com").orderIds()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void puts_every_past_event_before_the_start_of_the_day_and_in_order() {
        for (Order o : demo.orders()) {
            Stream.of(Stream.of(o.placedAt()), o.shippedAt().stream(), o.deliveredAt().stream()).flatMap(s -> s)
                    .forEach(t -> assertThat(t).as(o.id()).isBefore(startOfDay));
            o.shippedAt().ifPresent(s -> assertThat(s).isAfter(o.placedAt()));
            o.deliveredAt().ifPresent(d -> assertThat(d).isAfter(o.shippedAt().orElseThrow()));
        }
    }

    @Test
    void totals_are_the_sum_of_the_lines() {
        for (Order o : demo.orders()) {
            BigDecimal sum = o.items().stream().map(i -> i.price().multiply(BigDecimal.valueOf(i.quantity())))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(o.total()).as(o.id()).isEqualByComparingTo(sum);
            assertThat(o.items()).allSatisfy((OrderItem i) -> assertThat(i.quantity()).isPositive());
        }
    }

    @Test
    void moves_with_the_day() {
        DemoCrmData later = DemoCrmData.forDay(DAY.plusDays(10));
        assertThat(later.order("A1B2C3").placedAt())
                .isEqualTo(demo.order("A1B2C3").placedAt().plus(Duration.ofDays(10)));
        assertThat(later.order("A1B2C3").estimatedDelivery()).contains(DAY.plusDays(12));
    }
}
