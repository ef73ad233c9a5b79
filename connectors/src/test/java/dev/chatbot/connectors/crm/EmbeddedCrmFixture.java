package dev.chatbot.connectors.crm;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Puts the embedded CRM's tables back to the demo data of a given day, through the real seeder. */
final class EmbeddedCrmFixture {

    private EmbeddedCrmFixture() {
    }

    static void reseed(DataSource ds, LocalDate day) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String table : new String[]{"crm_refunds", "crm_order_items", "crm_orders", "crm_customers",
                    "crm_demo_anchor"}) {
                s.executeUpdate("DELETE FROM " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        try {
            new DemoCrmSeeder(ds, clockAt(day)).run();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A clock fixed at noon UTC of the day. */
    static Clock clockAt(LocalDate day) {
        return Clock.fixed(day.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    }
}
