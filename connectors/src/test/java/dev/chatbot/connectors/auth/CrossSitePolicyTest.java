package dev.chatbot.connectors.auth;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CrossSitePolicyTest {

    private static HttpRequest<?> post(Map<String, String> headers) {
        MutableHttpRequest<?> r = HttpRequest.POST("/api/agent/conversations/x/claim", "{}");
        headers.forEach(r::header);
        return r;
    }

    private final CrossSitePolicy sameOriginOnly = new CrossSitePolicy(new AuthConfig());

    @Test
    void allows_the_servers_own_pages() {
        assertThat(sameOriginOnly.allows(post(Map.of("Host", "chat.shop.example", "Origin", "https://chat.shop.example",
                "Sec-Fetch-Site", "same-origin")))).isTrue();
        assertThat(sameOriginOnly.allows(post(Map.of("Host", "localhost:8080", "Origin", "http://localhost:8080")))).isTrue();
    }

    @Test
    void allows_clients_that_are_not_browsers() {
        assertThat(sameOriginOnly.allows(post(Map.of("Host", "localhost:8080")))).isTrue();
    }

    @Test
    void refuses_other_sites_null_origins_and_cross_site_fetches() {
        assertThat(sameOriginOnly.allows(post(Map.of("Host", "chat.shop.example", "Origin", "https://evil.example")))).isFalse();
        assertThat(sameOriginOnly.allows(post(Map.of("Host", "localhost:8080", "Origin", "http://localhost:8081")))).isFalse();
        assertThat(sameOriginOnly.allows(post(Map.of("Host", "localhost:8080", "Origin", "null")))).isFalse();
        assertThat(sameOriginOnly.allows(post(Map.of("Host", "localhost:8080", "Sec-Fetch-Site", "cross-site")))).isFalse();
        assertThat(sameOriginOnly.allows(post(Map.of("Host", "shop.example", "Origin", "https://shop.example",
                "Sec-Fetch-Site", "same-site")))).as("the browser says it is not the same origin").isFalse();
    }

    @Test
    void allows_configured_console_origins_behind_a_proxy() {
        AuthConfig config = new AuthConfig();
        config.setAllowedOrigins(List.of("https://support.shop.example"));
        CrossSitePolicy policy = new CrossSitePolicy(config);
        assertThat(policy.allows(post(Map.of("Host", "10.0.0.5:8080", "Origin", "https://SUPPORT.shop.example",
                "Sec-Fetch-Site", "cross-site")))).isTrue();
        assertThat(policy.allows(post(Map.of("Host", "10.0.0.5:8080", "Origin", "https://shop.example")))).isFalse();
    }
}
