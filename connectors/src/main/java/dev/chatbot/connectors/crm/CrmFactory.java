package dev.chatbot.connectors.crm;

import com.zaxxer.hikari.HikariDataSource;
import dev.chatbot.connectors.config.CrmConfig;
import dev.chatbot.core.crm.CrmClient;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Chooses the CRM: the HTTP CRM when {@code chatbot.crm.base-url} ({@code CHATBOT_CRM_BASE_URL}) is set, else the
 * embedded demo CRM, seeded at start-up. Created with the application context, so a bad base URL stops the server
 * at start-up with a clear message rather than at the first order question.
 */
@Factory
public class CrmFactory {

    private static final Logger LOG = LoggerFactory.getLogger(CrmFactory.class);

    private final AtomicReference<HttpCrmClient> http = new AtomicReference<>();

    @Context
    public CrmClient crmClient(CrmConfig config, Provider<HikariDataSource> dataSource, Clock clock) {
        Optional<java.net.URI> baseUrl = config.getBaseUrl();
        if (baseUrl.isPresent()) {
            HttpCrmClient client = new HttpCrmClient(config);
            http.set(client);
            LOG.atInfo().addKeyValue("base_url", client.baseUrl()).addKeyValue("token", config.getToken().isPresent())
                    .log("using the HTTP CRM");
            return client;
        }
        EmbeddedCrmClient embedded = new EmbeddedCrmClient(dataSource.get(), clock);
        if (config.isSeedDemoData()) {
            try {
                new DemoCrmSeeder(dataSource.get(), clock).run();
            } catch (SQLException | RuntimeException e) {
                // the server still starts; CRM calls fail as UNAVAILABLE until the database is back
                LOG.atWarn().addKeyValue("error", e.toString()).log("could not seed the demo CRM");
            }
        }
        LOG.atInfo().log("using the embedded demo CRM (docs/crm.md)");
        return embedded;
    }

    @PreDestroy
    void close() {
        HttpCrmClient client = http.getAndSet(null);
        if (client != null) {
            client.close();
        }
    }
}
