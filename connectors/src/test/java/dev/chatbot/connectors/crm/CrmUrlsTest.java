package dev.chatbot.connectors.crm;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CrmUrlsTest {

    @Test
    void leaves_plain_ids_alone() {
        assertThat(CrmUrls.encode("A1B2C3")).isEqualTo("A1B2C3");
        assertThat(CrmUrls.encode("order-1.2_3~x")).isEqualTo("order-1.2_3~x");
    }

    @Test
    void encodes_everything_that_could_change_a_url() {
        assertThat(CrmUrls.encode("../admin")).isEqualTo("..%2Fadmin");
        assertThat(CrmUrls.encode("a?b=c&d#e")).isEqualTo("a%3Fb%3Dc%26d%23e");
        assertThat(CrmUrls.encode("100%")).isEqualTo("100%25");
        assertThat(CrmUrls.encode("' OR 1=1 --")).isEqualTo("%27%20OR%201%3D1%20--");
        assertThat(CrmUrls.encode("a+b@example.com")).isEqualTo("a%2Bb%40example.com");
        assertThat(CrmUrls.encode("\r\n")).isEqualTo("%0D%0A");
    }

    @Test
    void encodes_non_ascii_as_utf8() {
        assertThat(CrmUrls.encode("jos\u00e9@example.com")).isEqualTo("jos%C3%A9%40example.com");
    }

    @Test
    void drops_trailing_slashes_of_the_base_url() {
        assertThat(CrmUrls.base(URI.create("https://crm.example.com/api/v2/"))).isEqualTo("https://crm.example.com/api/v2");
        assertThat(CrmUrls.base(URI.create("http://localhost:9000"))).isEqualTo("http://localhost:9000");
    }

    @Test
    void refuses_base_urls_that_are_not_plain_http() {
        assertThatThrownBy(() -> CrmUrls.base(URI.create("ftp://crm.example.com"))).hasMessageContaining("http");
        assertThatThrownBy(() -> CrmUrls.base(URI.create("crm.example.com/api"))).hasMessageContaining("http");
        assertThatThrownBy(() -> CrmUrls.base(URI.create("https://user:pw@crm.example.com")))
                .hasMessageContaining("chatbot.crm.token").hasMessageNotContaining("pw");
        assertThatThrownBy(() -> CrmUrls.base(URI.create("https://crm.example.com/api?key=1")))
                .hasMessageContaining("query");
    }
}
