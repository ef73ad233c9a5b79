package dev.chatbot.connectors.http;

import dev.chatbot.connectors.config.WidgetConfig;
import dev.chatbot.connectors.gateway.OriginPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityHeadersFilterTest {

    private static String frameAncestors(String... allowed) {
        WidgetConfig config = new WidgetConfig();
        config.setAllowedOrigins(List.of(allowed));
        return new SecurityHeadersFilter(new OriginPolicy(config), config).widgetFrameAncestors();
    }

    @Test
    void without_allowed_origins_any_site_may_embed_the_widget() {
        assertThat(frameAncestors()).isEqualTo("frame-ancestors *");
    }

    @Test
    void a_list_of_nothing_but_garbage_lets_only_this_server_frame_the_widget() {
        assertThat(frameAncestors("null", "javascript:alert(1)")).isEqualTo("frame-ancestors 'self'");
    }

    @Test
    void allowed_origins_are_normalised_sorted_and_garbage_is_left_out() {
        assertThat(frameAncestors("https://b.example/", "HTTPS://A.example:8443", "null", "javascript:alert(1)"))
                .isEqualTo("frame-ancestors 'self' https://a.example:8443 https://b.example");
    }

    @Test
    void a_star_lets_any_site_frame_the_widget() {
        assertThat(frameAncestors("https://a.example", "*")).isEqualTo("frame-ancestors *");
    }
}
