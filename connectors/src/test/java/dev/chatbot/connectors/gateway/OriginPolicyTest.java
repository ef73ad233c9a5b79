package dev.chatbot.connectors.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OriginPolicyTest {

    @Test
    void normalises_origins_to_scheme_host_and_port() {
        assertThat(OriginPolicy.normalise("HTTPS://Shop.Example:8443")).contains("https://shop.example:8443");
        assertThat(OriginPolicy.normalise("https://shop.example")).contains("https://shop.example");
    }

    @Test
    void refuses_origins_that_are_not_http() {
        assertThat(OriginPolicy.normalise("null")).isEmpty();
        assertThat(OriginPolicy.normalise("file:///etc/passwd")).isEmpty();
        assertThat(OriginPolicy.normalise("javascript:alert(1)")).isEmpty();
        assertThat(OriginPolicy.normalise("http://")).isEmpty();
        assertThat(OriginPolicy.normalise("ht tp://bad origin")).isEmpty();
    }
}
