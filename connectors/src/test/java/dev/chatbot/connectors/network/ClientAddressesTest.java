package dev.chatbot.connectors.network;

import dev.chatbot.connectors.config.NetworkConfig;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressesTest {

    private static ClientAddresses trusting(String... proxies) {
        NetworkConfig config = new NetworkConfig();
        config.setTrustedProxies(List.of(proxies));
        return new ClientAddresses(config);
    }

    private static InetSocketAddress peer(String ip) {
        return new InetSocketAddress(ClientAddresses.literal(ip), 40000);
    }

    @Test
    void without_trusted_proxies_the_forwarded_header_is_ignored() {
        assertThat(trusting().of(peer("198.51.100.9"), List.of("203.0.113.7"))).isEqualTo("198.51.100.9");
    }

    @Test
    void a_request_from_an_untrusted_peer_is_that_peer_whatever_it_forwards() {
        assertThat(trusting("10.0.0.0/8").of(peer("198.51.100.9"), List.of("203.0.113.7"))).isEqualTo("198.51.100.9");
    }

    @Test
    void behind_a_trusted_proxy_the_rightmost_untrusted_hop_is_the_client() {
        ClientAddresses addresses = trusting("10.0.0.0/8", "192.0.2.1");
        // the client wrote a fake first entry; the proxies appended the real one and each other
        assertThat(addresses.of(peer("10.1.2.3"), List.of("1.1.1.1, 203.0.113.7, 192.0.2.1"))).isEqualTo("203.0.113.7");
        assertThat(addresses.of(peer("10.1.2.3"), List.of("1.1.1.1", "203.0.113.7"))).isEqualTo("203.0.113.7");
    }

    @Test
    void a_trusted_proxy_without_a_forwarded_header_is_the_client() {
        assertThat(trusting("10.0.0.0/8").of(peer("10.1.2.3"), List.of())).isEqualTo("10.1.2.3");
    }

    @Test
    void garbage_in_the_header_stops_the_walk_at_the_last_trusted_hop() {
        ClientAddresses addresses = trusting("10.0.0.0/8");
        assertThat(addresses.of(peer("10.1.2.3"), List.of("203.0.113.7, evil.example.com"))).isEqualTo("10.1.2.3");
        assertThat(addresses.of(peer("10.1.2.3"), List.of("999.1.1.1"))).isEqualTo("10.1.2.3");
    }

    @Test
    void ipv6_ranges_and_literals_work() {
        ClientAddresses addresses = trusting("2001:db8::/32");
        assertThat(addresses.of(peer("2001:db8::5"), List.of("[2001:db9::1]"))).isEqualTo("2001:db9:0:0:0:0:0:1");
        assertThat(addresses.of(peer("2001:db9::5"), List.of("203.0.113.7"))).isEqualTo("2001:db9:0:0:0:0:0:5");
    }

    @Test
    void a_trusted_proxy_entry_that_is_not_an_address_is_refused_at_start() {
        assertThatThrownBy(() -> trusting("proxy.internal")).hasMessageContaining("proxy.internal");
        assertThatThrownBy(() -> trusting("10.0.0.0/33")).hasMessageContaining("prefix");
    }

    @Test
    void literals_never_resolve_names() {
        assertThat(ClientAddresses.literal("localhost")).isNull();
        assertThat(ClientAddresses.literal("256.1.1.1")).isNull();
        assertThat(ClientAddresses.literal("::1")).isNotNull();
    }
}
