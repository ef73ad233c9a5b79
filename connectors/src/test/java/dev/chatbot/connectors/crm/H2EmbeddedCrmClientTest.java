package dev.chatbot.connectors.crm;

import com.zaxxer.hikari.HikariDataSource;
import dev.chatbot.connectors.config.DatabaseConfig;
import dev.chatbot.connectors.storage.DatabaseFactory;
import dev.chatbot.core.crm.CrmClient;
import dev.chatbot.core.crm.CrmException;
import dev.chatbot.core.crm.RefundRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CRM contract on the embedded demo CRM, in an H2 file database migrated by the real migrations. */
class H2EmbeddedCrmClientTest extends CrmClientContract {

    @TempDir
    static Path home;
    private static HikariDataSource ds;
    private static EmbeddedCrmClient crm;

    @BeforeAll
    static void open() {
        ds = DatabaseFactory.open(new DatabaseConfig(), home);
        DatabaseFactory.migrate(ds);
        crm = new EmbeddedCrmClient(ds, EmbeddedCrmFixture.clockAt(DAY));
    }

    @AfterAll
    static void close() {
        ds.close();
    }

    @BeforeEach
    void reseed() {
        EmbeddedCrmFixture.reseed(ds, DAY);
    }

    @Override
    protected CrmClient crm() {
        return crm;
    }

    @Test
    void stores_the_refund_request_it_answers() throws Exception {
        var result = crm.requestRefund(new RefundRequest("K7P2Q9", new BigDecimal("20.00"), "USD", "zip broke"));
        try (var c = ds.getConnection(); var ps = c.prepareStatement(
                "SELECT order_id, amount, currency, reason, status FROM crm_refunds WHERE id = ?")) {
            ps.setString(1, result.refundId());
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("K7P2Q9");
                assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("20.00");
                assertThat(rs.getString(3)).isEqualTo("USD");
                assertThat(rs.getString(4)).isEqualTo("zip broke");
                assertThat(rs.getString(5)).isEqualTo("requested");
            }
        }
    }

    @Test
    void reports_a_database_it_cannot_use_as_an_unavailable_crm() {
        HikariDataSource closed = DatabaseFactory.open(new DatabaseConfig(), home.resolve("other"));
        closed.close();
        EmbeddedCrmClient broken = new EmbeddedCrmClient(closed, EmbeddedCrmFixture.clockAt(DAY));
        assertThatThrownBy(() -> broken.findOrder("A1B2C3"))
                .isInstanceOfSatisfying(CrmException.class,
                        e -> assertThat(e.kind()).isEqualTo(CrmException.Kind.UNAVAILABLE));
    }
}
