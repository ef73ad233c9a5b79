package dev.chatbot.connectors.crm;

import dev.chatbot.core.crm.Order;
import dev.chatbot.core.crm.OrderStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.chatbot.connectors.crm.CrmClientContract.refund;
import static org.assertj.core.api.Assertions.assertThat;

/** How the demo data gets into the embedded CRM and stays current, on each database the product supports. */
abstract class DemoCrmSeederContract {

    static final LocalDate DAY = LocalDate.of(2025, 6, 16);

    protected abstract DataSource dataSource();

    @BeforeEach
    void empty() throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : new String[]{"crm_refunds", "crm_order_items", "crm_orders", "crm_customers",
                    "crm_demo_anchor"}) {
                s.executeUpdate("DELETE FROM " + table);
            }
        }
    }

    private DemoCrmSeeder.Outcome seed(LocalDate day) throws SQLException {
        return new DemoCrmSeeder(dataSource(), EmbeddedCrmFixture.clockAt(day)).run();
    }

    private EmbeddedCrmClient crm(LocalDate day) {
        return new EmbeddedCrmClient(dataSource(), EmbeddedCrmFixture.clockAt(day));
    }

    private long count(String table) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void seeds_an_empty_crm_once() throws SQLException {
        assertThat(seed(DAY)).isEqualTo(DemoCrmSeeder.Outcome.SEEDED);
        assertThat(seed(DAY)).isEqualTo(DemoCrmSeeder.Outcome.UNCHANGED);
        DemoCrmData demo = DemoCrmData.forDay(DAY);
        assertThat(count("crm_customers")).isEqualTo(demo.customers().size());
        assertThat(count("crm_orders")).isEqualTo(demo.orders().size());
    }

    @Test
    void moves_the_demo_dates_forward_on_a_later_day() throws SQLException {
        seed(DAY);
        LocalDate later = DAY.plusDays(9);
        assertThat(seed(later)).isEqualTo(DemoCrmSeeder.Outcome.SHIFTED);
        DemoCrmData expected = DemoCrmData.forDay(later);
        for (Order o : expected.orders()) {
            assertThat(crm(later).findOrder(o.id())).as(o.id()).contains(o);
        }
        assertThat(seed(later)).isEqualTo(DemoCrmSeeder.Outcome.UNCHANGED);
        assertThat(crm(later).findOrder("A1B2C3").orElseThrow().estimatedDelivery()).contains(later.plusDays(2));
    }

    @Test
    void keeps_what_the_bot_changed_when_moving_the_dates() throws SQLException {
        seed(DAY);
        crm(DAY).cancelOrder("M4N8R2");
        crm(DAY).requestRefund(refund("K7P2Q9", "89.00", "USD"));
        seed(DAY.plusDays(3));
        assertThat(crm(DAY).findOrder("M4N8R2").orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(count("crm_refunds")).isEqualTo(1);
        // the refund still counts: nothing more can be refunded
        assertThat(crm(DAY).requestRefund(refund("K7P2Q9", "0.01", "USD")).status()).isEqualTo("rejected");
    }

    @Test
    void leaves_data_it_did_not_seed_alone() throws SQLException {
        seed(DAY);
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM crm_demo_anchor");
        }
        assertThat(seed(DAY.plusDays(5))).isEqualTo(DemoCrmSeeder.Outcome.UNCHANGED);
        assertThat(crm(DAY).findOrder("A1B2C3")).contains(DemoCrmData.forDay(DAY).order("A1B2C3"));
    }

    @Test
    void seeds_once_when_several_nodes_start_at_the_same_time() throws Exception {
        int nodes = 4;
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<DemoCrmSeeder.Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                Callable<DemoCrmSeeder.Outcome> node = () -> {
                    start.await();
                    return seed(DAY);
                };
                outcomes.add(pool.submit(node));
            }
            start.countDown();
            List<DemoCrmSeeder.Outcome> results = new ArrayList<>();
            for (Future<DemoCrmSeeder.Outcome> f : outcomes) {
                results.add(f.get());
            }
            assertThat(results).containsOnlyOnce(DemoCrmSeeder.Outcome.SEEDED)
                    .doesNotContain(DemoCrmSeeder.Outcome.SHIFTED);
            assertThat(count("crm_customers")).isEqualTo(DemoCrmData.forDay(DAY).customers().size());
            assertThat(count("crm_order_items")).isEqualTo(
                    DemoCrmData.forDay(DAY).orders().stream().mapToLong(o -> o.items().size()).sum());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void stores_money_with_two_decimals() throws SQLException {
        seed(DAY);
        assertThat(crm(DAY).findOrder("M4N8R2").orElseThrow().total()).isEqualTo(new BigDecimal("58.95"));
        assertThat(crm(DAY).findOrder("A1B2C3").orElseThrow().items().get(1).price()).isEqualTo(new BigDecimal("24.50"));
    }
}
