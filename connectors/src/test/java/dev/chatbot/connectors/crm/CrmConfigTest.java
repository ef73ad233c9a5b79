package dev.chatbot.connectors.crm;

import dev.chatbot.connectors.config.CrmConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CrmConfigTest {

    @Test
    void selects_the_embedded_crm_without_a_base_url() {
        CrmConfig config = new CrmConfig();
        assertThat(config.getBaseUrl()).isEmpty();
        config.setBaseUrl("   ");
        assertThat(config.getBaseUrl()).isEmpty();
        config.setBaseUrl(" https://crm.example.com/api ");
        assertThat(config.getBaseUrl()).hasValueSatisfying(u -> assertThat(u.getHost()).isEqualTo("crm.example.com"));
    }

    @Test
    void never_shows_the_token() {
        CrmConfig config = new CrmConfig();
        config.setToken("very-secret-token");
        assertThat(config.toString()).doesNotContain("very-secret-token").contains("<set>");
    }

    @Test
    void refuses_settings_that_would_hang_or_never_try() {
        CrmConfig config = new CrmConfig();
        assertThatThrownBy(() -> config.setRequestTimeout(Duration.ZERO)).hasMessageContaining("request-timeout");
        assertThatThrownBy(() -> config.setTotalTimeout(Duration.ofSeconds(-1))).hasMessageContaining("total-timeout");
        assertThatThrownBy(() -> config.setMaxAttempts(0)).hasMessageContaining("max-attempts");
        assertThatThrownBy(() -> config.setMaxResponseBytes(10)).hasMessageContaining("max-response-bytes");
    }

    @Test
    void names_the_key_of_a_malformed_base_url() {
        CrmConfig config = new CrmConfig();
        config.setBaseUrl("http://bad host/");
        assertThatThrownBy(config::getBaseUrl).hasMessageContaining("chatbot.crm.base-url");
    }
}
