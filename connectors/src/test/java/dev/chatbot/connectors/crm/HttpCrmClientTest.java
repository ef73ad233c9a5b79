package dev.chatbot.connectors.crm;

import dev.chatbot.connectors.config.CrmConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Building the HTTP CRM client from its configuration (no network). */
class HttpCrmClientTest {

    @Test
    void needs_a_base_url() {
        assertThatThrownBy(() -> new HttpCrmClient(new CrmConfig())).hasMessageContaining("CHATBOT_CRM_BASE_URL");
    }

    @Test
    void refuses_a_token_that_cannot_be_a_header_without_showing_it() {
        CrmConfig config = new CrmConfig();
        config.setBaseUrl("https://crm.example.com");
        config.setToken("abc\r\nX-Evil: 1");
        assertThatThrownBy(() -> new HttpCrmClient(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chatbot.crm.token").hasMessageNotContaining("abc");
    }

    @Test
    void shows_the_base_url_but_not_the_token() {
        CrmConfig config = new CrmConfig();
        config.setBaseUrl("https://crm.example.com/api/");
        config.setToken("tok-123456");
        try (HttpCrmClient crm = new HttpCrmClient(config)) {
            assertThat(crm.toString()).contains("https://crm.example.com/api").doesNotContain("tok-123456");
        }
    }
}
