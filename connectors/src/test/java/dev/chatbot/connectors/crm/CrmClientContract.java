package dev.chatbot.connectors.crm;

import dev.chatbot.core.crm.CrmClient;
import dev.chatbot.core.crm.Customer;
import dev.chatbot.core.crm.Order;
import dev.chatbot.core.crm.OrderNotCancellableException;
import dev.chatbot.core.crm.OrderStatus;
import dev.chatbot.core.crm.RefundRequest;
import dev.chatbot.core.crm.RefundResult;
import dev.chatbot.core.crm.UnknownOrderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every CRM connector must do, whatever is behind it: the embedded demo CRM (on H2 and on PostgreSQL) and the
 * HTTP CRM (against a fake CRM server) run these same tests. Each subclass provides a client whose CRM holds
 * exactly {@link #demo()}, restored before every test.
 */
abstract class CrmClientContract {

    /** The day the demo data is computed for. */
    static final LocalDate DAY = LocalDate.of(2025, 6, 16);

    protected abstract CrmClient crm();

    protected DemoCrmData demo() {
        return DemoCrmData.forDay(DAY);
    }

    // ---- orders

    @Test
    void finds_a_shipped_order_with_carrier_tracking_and_estimated_delivery() {
        Order order = crm().findOrder("A1B2C3").orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(order.customerEmail()).isEqualTo("maya.thompson@example.com");
        assertThat(order.carrier()).contains("UPS");
        assertThat(order.trackingNumber()).contains("1Z4F81W70391847265");
        assertThat(order.estimatedDelivery()).contains(DAY.plusDays(2));
        assertThat(order.items()).extracting(i -> i.name() + " x" + i.quantity())
                .containsExactly("Ridgeline hiking boots, EU 42 x1", "Steel water bottle 750 ml x2");
        assertThat(order.total()).isEqualByComparingTo("198.00");
        assertThat(order.currency()).isEqualTo("USD");
    }

    @Test
    void reports_every_demo_order_exactly_as_seeded() {
        for (Order expected : demo().orders()) {
            assertThat(crm().findOrder(expected.id())).as(expected.id()).hasValueSatisfying(actual ->
                    assertThat(actual).usingRecursiveComparison()
                            .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                            .isEqualTo(expected));
        }
    }

    @Test
    void returns_nothing_for_an_unknown_order() {
        assertThat(crm().findOrder("Z9Z9Z9")).isEmpty();
    }

    @Test
    void compares_order_ids_exactly() {
        assertThat(crm().findOrder("a1b2c3")).isEmpty();
        assertThat(crm().findOrder(" A1B2C3")).isEmpty();
        assertThat(crm().findOrder("A1B2C")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"' OR 1=1 --", "A1B2C3' OR '1'='1", "'; DROP TABLE crm_orders; --", "../admin",
            "..", ".", "A1B2C3/../K7P2Q9", "../../customers?email=maya.thompson@example.com", "A1B2C3?x=1",
            "A1B2C3#top", "%2e%2e%2fadmin", "A1B2C3%00", "A1B2C3\u0000", "A1B2C3\r\nX-Injected: 1", "*", "%", "",
            "   ", "A1B2C3/cancel"})
    void treats_ids_that_look_like_sql_or_paths_as_unknown_orders(String id) {
        assertThat(crm().findOrder(id)).isEmpty();
        assertThatThrownBy(() -> crm().cancelOrder(id)).isInstanceOf(UnknownOrderException.class);
        assertThatThrownBy(() -> crm().requestRefund(new RefundRequest(id, new BigDecimal("1.00"), "USD", "test")))
                .isInstanceOf(UnknownOrderException.class);
        // nothing was dropped, changed or cancelled on the way
        assertThat(crm().findOrder("A1B2C3")).contains(demo().order("A1B2C3"));
        assertThat(crm().findOrder("K7P2Q9").orElseThrow().status()).isEqualTo(OrderStatus.DELIVERED);
    }

    // ---- customers

    @Test
    void finds_a_customer_by_email_ignoring_case_and_surrounding_spaces() {
        Customer maya = crm().findCustomerByEmail("  Maya.Thompson@EXAMPLE.com ").orElseThrow();
        assertThat(maya.email()).isEqualTo("maya.thompson@example.com");
        assertThat(maya.name()).isEqualTo("Maya Thompson");
        assertThat(maya.orderIds()).containsExactly("K7P2Q9", "A1B2C3", "M4N8R2");
        assertThat(maya).isEqualTo(demo().customer("maya.thompson@example.com"));
    }

    @Test
    void reports_every_demo_customer_with_their_orders() {
        for (Customer expected : demo().customers()) {
            assertThat(crm().findCustomerByEmail(expected.email())).contains(expected);
        }
        assertThat(crm().findCustomerByEmail("liam.oconnor@example.com").orElseThrow().name()).isEqualTo("Liam O'Connor");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nobody@example.com", "maya.thompson@example.org", "maya.thompson", "%", "_",
            "%@example.com", "maya.thompson@example.co_", "' OR '1'='1", "maya.thompson@example.com' --",
            "maya.thompson@example.com&email=jonas.becker@example.com", "x@example.com#maya.thompson@example.com",
            "maya.thompson@example.com\u0000", "", "   "})
    void returns_nothing_for_unknown_or_odd_email_addresses(String email) {
        assertThat(crm().findCustomerByEmail(email)).isEmpty();
    }

    @Test
    void refuses_null_arguments() {
        assertThatThrownBy(() -> crm().findOrder(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> crm().findCustomerByEmail(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> crm().cancelOrder(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> crm().requestRefund(null)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- refunds

    @Test
    void records_a_refund_and_answers_requested() {
        RefundResult result = crm().requestRefund(refund("K7P2Q9", "89.00", "USD"));
        assertThat(result.status()).isEqualTo("requested");
        assertThat(result.refundId()).isNotBlank();
    }

    @Test
    void gives_every_refund_its_own_reference() {
        RefundResult first = crm().requestRefund(refund("K7P2Q9", "40.00", "USD"));
        RefundResult second = crm().requestRefund(refund("K7P2Q9", "49.00", "USD"));
        assertThat(List.of(first.status(), second.status())).containsOnly("requested");
        assertThat(second.refundId()).isNotEqualTo(first.refundId());
    }

    @Test
    void rejects_refunds_beyond_what_is_left_of_the_total() {
        assertThat(crm().requestRefund(refund("K7P2Q9", "89.00", "USD")).status()).isEqualTo("requested");
        RefundResult again = crm().requestRefund(refund("K7P2Q9", "89.00", "USD"));
        assertThat(again.status()).isEqualTo("rejected");
        assertThat(again.refundId()).isNotBlank();
        assertThat(crm().requestRefund(refund("K7P2Q9", "0.01", "USD")).status()).isEqualTo("rejected");
        assertThat(crm().requestRefund(refund("X9Z4C8", "450.01", "USD")).status()).isEqualTo("rejected");
    }

    @Test
    void rejects_a_refund_in_another_currency_than_the_order() {
        assertThat(crm().requestRefund(refund("H3J9L4", "10.00", "EUR")).status()).isEqualTo("rejected");
    }

    @Test
    void rejects_a_refund_for_a_cancelled_order() {
        assertThat(crm().requestRefund(refund("P8Q1W5", "78.00", "EUR")).status()).isEqualTo("rejected");
    }

    @Test
    void refuses_a_refund_for_an_unknown_order() {
        assertThatThrownBy(() -> crm().requestRefund(refund("Z9Z9Z9", "10.00", "USD")))
                .isInstanceOf(UnknownOrderException.class)
                .satisfies(e -> assertThat(((UnknownOrderException) e).orderId()).isEqualTo("Z9Z9Z9"));
    }

    @Test
    void refuses_nonsensical_refund_requests_without_asking_the_crm() {
        for (RefundRequest bad : List.of(refund("K7P2Q9", "0.00", "USD"), refund("K7P2Q9", "-5.00", "USD"),
                refund("K7P2Q9", "1.005", "USD"), refund("K7P2Q9", "10.00", "usd"), refund("K7P2Q9", "10.00", "US"),
                new RefundRequest("K7P2Q9", null, "USD", "x"), new RefundRequest("K7P2Q9", BigDecimal.TEN, "USD", null),
                new RefundRequest(null, BigDecimal.TEN, "USD", "x"))) {
            assertThatThrownBy(() -> crm().requestRefund(bad)).as(bad.toString())
                    .isInstanceOf(IllegalArgumentException.class);
        }
        // none of them was recorded: the whole total can still be refunded
        assertThat(crm().requestRefund(refund("K7P2Q9", "89.00", "USD")).status()).isEqualTo("requested");
    }

    @Test
    void keeps_a_refund_reason_with_quotes_and_unicode_as_data() {
        RefundRequest r = new RefundRequest("K7P2Q9", new BigDecimal("12.50"), "USD",
                "Zip broke \"twice\"; it's bad'); DROP TABLE crm_refunds; -- \u00e9\u00e8 \uD83D\uDE22");
        assertThat(crm().requestRefund(r).status()).isEqualTo("requested");
        assertThat(crm().requestRefund(refund("K7P2Q9", "76.50", "USD")).status()).isEqualTo("requested");
        assertThat(crm().requestRefund(refund("K7P2Q9", "0.01", "USD")).status()).isEqualTo("rejected");
    }

    // ---- cancelling

    @Test
    void cancels_a_pending_order() {
        Order before = crm().findOrder("M4N8R2").orElseThrow();
        assertThat(before.status()).isEqualTo(OrderStatus.PENDING);
        Order cancelled = crm().cancelOrder("M4N8R2");
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.items()).isEqualTo(before.items());
        assertThat(cancelled.total()).isEqualByComparingTo(before.total());
        assertThat(crm().findOrder("M4N8R2").orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void cancels_a_processing_order_and_drops_its_delivery_estimate() {
        assertThat(crm().findOrder("D5F6G7").orElseThrow().estimatedDelivery()).isPresent();
        Order cancelled = crm().cancelOrder("D5F6G7");
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.estimatedDelivery()).isEmpty();
        assertThat(crm().findOrder("D5F6G7")).contains(cancelled);
    }

    @ParameterizedTest
    @ValueSource(strings = {"A1B2C3", "K7P2Q9", "H3J9L4", "P8Q1W5", "R2T7Y6", "X9Z4C8", "B6V3N1"})
    void refuses_to_cancel_an_order_past_processing_and_leaves_it_alone(String id) {
        Order before = crm().findOrder(id).orElseThrow();
        assertThatThrownBy(() -> crm().cancelOrder(id))
                .isInstanceOf(OrderNotCancellableException.class)
                .isInstanceOf(IllegalStateException.class)
                .satisfies(e -> {
                    OrderNotCancellableException refused = (OrderNotCancellableException) e;
                    assertThat(refused.orderId()).isEqualTo(id);
                    assertThat(refused.status()).isEqualTo(before.status());
                });
        assertThat(crm().findOrder(id)).contains(before);
    }

    @Test
    void refuses_to_cancel_an_order_twice() {
        crm().cancelOrder("M4N8R2");
        assertThatThrownBy(() -> crm().cancelOrder("M4N8R2"))
                .isInstanceOfSatisfying(OrderNotCancellableException.class,
                        e -> assertThat(e.status()).isEqualTo(OrderStatus.CANCELLED));
    }

    @Test
    void refuses_to_cancel_an_unknown_order() {
        assertThatThrownBy(() -> crm().cancelOrder("Z9Z9Z9")).isInstanceOf(UnknownOrderException.class);
    }

    @Test
    void lets_only_one_of_two_simultaneous_cancellations_succeed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Callable<String> cancel = () -> {
                start.await();
                try {
                    return crm().cancelOrder("D5F6G7").status().wireName();
                } catch (OrderNotCancellableException e) {
                    return "refused:" + e.status().wireName();
                }
            };
            List<Future<String>> results = new ArrayList<>(List.of(pool.submit(cancel), pool.submit(cancel)));
            start.countDown();
            Set<String> outcomes = new HashSet<>();
            for (Future<String> f : results) {
                outcomes.add(f.get());
            }
            assertThat(outcomes).containsExactlyInAnyOrder("cancelled", "refused:cancelled");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_cancelled_order_can_no_longer_be_refunded() {
        crm().cancelOrder("M4N8R2");
        assertThat(crm().requestRefund(refund("M4N8R2", "58.95", "USD")).status()).isEqualTo("rejected");
    }

    static RefundRequest refund(String orderId, String amount, String currency) {
        return new RefundRequest(orderId, new BigDecimal(amount), currency, "requested by the customer in chat");
    }

}
