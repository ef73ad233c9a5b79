package dev.chatbot.connectors.crm;

import dev.chatbot.connectors.config.CrmConfig;
import dev.chatbot.core.crm.CrmClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CRM contract on the HTTP CRM, against a fake CRM (a test double of the shop's CRM) mounted under a path
 * prefix and requiring a bearer token. After every test, no request may have left the prefix: ids and e-mail
 * addresses never changed the URL.
 */
class HttpCrmClientContractIT extends CrmClientContract {

    private static FakeCrmServer fake;
    private static HttpCrmClient crm;

    @BeforeAll
    static void start() {
        fake = FakeCrmServer.start(DemoCrmData.forDay(DAY), "/crm/v1", Optional.of("contract-token"));
        CrmConfig config = new CrmConfig();
        config.setBaseUrl(fake.baseUrl() + "/");
        config.setToken("contract-token");
        crm = new HttpCrmClient(config);
    }

    @AfterAll
    static void stop() {
        crm.close();
        fake.close();
    }

    @BeforeEach
    void reset() {
        fake.reset(demo());
    }

    @AfterEach
    void stayed_under_the_base_url() {
        assertThat(fake.outsidePrefix()).isEmpty();
    }

    @Override
    protected CrmClient crm() {
        return crm;
    }
}
