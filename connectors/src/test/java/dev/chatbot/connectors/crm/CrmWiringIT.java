package dev.chatbot.connectors.crm;

import dev.chatbot.connectors.testing.TestServer;
import dev.chatbot.core.crm.CrmClient;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real server picks its CRM from the configuration. */
class CrmWiringIT {

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    @Test
    void uses_the_embedded_crm_seeded_for_today_by_default() {
        try (TestServer server = TestServer.start(Map.of())) {
            CrmClient crm = server.context().getBean(CrmClient.class);
            assertThat(crm).isInstanceOf(EmbeddedCrmClient.class);
            assertThat(crm.findOrder("A1B2C3")).hasValueSatisfying(o ->
                    assertThat(o.estimatedDelivery()).contains(today().plusDays(2)));
        }
    }

    @Test
    void uses_the_http_crm_when_a_base_url_is_set_and_closes_it_on_shutdown() {
        try (FakeCrmServer fake = FakeCrmServer.start(DemoCrmData.forDay(today()), "/crm", Optional.of("wiring-token"))) {
            HttpCrmClient client;
            try (TestServer server = TestServer.start(Map.of("chatbot.crm.base-url", fake.baseUrl().toString(),
                    "chatbot.crm.token", "wiring-token"))) {
                CrmClient crm = server.context().getBean(CrmClient.class);
                assertThat(crm).isInstanceOf(HttpCrmClient.class);
                client = (HttpCrmClient) crm;
                assertThat(crm.findCustomerByEmail("Jonas.Becker@example.com")).isPresent();
                assertThat(fake.requests()).extracting(FakeCrmServer.Recorded::authorization)
                        .containsOnly(Optional.of("Bearer wiring-token"));
            }
            assertThat(client.isClosed()).isTrue();
        }
    }

    @Test
    void refuses_to_start_with_a_base_url_that_is_not_http() {
        assertThatThrownBy(() -> TestServer.start(Map.of("chatbot.crm.base-url", "ftp://crm.example.com")).close())
                .rootCause().hasMessageContaining("chatbot.crm.base-url");
    }
}
