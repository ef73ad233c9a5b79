package dev.chatbot.connectors.network;

import dev.chatbot.connectors.config.NetworkConfig;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the network address of the client behind a request, for per-address limits and the login throttle. By
 * default it is the socket's peer address and {@code X-Forwarded-For} is ignored (anyone can send that header).
 * When the peer is one of {@code chatbot.network.trusted-proxies}, the header is read from the right, skipping
 * the trusted proxies themselves: the first address that is not one of them is the client (entries further left
 * were written by the client and prove nothing).
 */
@Singleton
public final class ClientAddresses {

    private final List<Range> trusted;

    public ClientAddresses(NetworkConfig config) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : config.getTrustedProxies()) {
            if (!entry.isBlank()) {
                ranges.add(Range.parse(entry.strip()));
            }
        }
        this.trusted = List.copyOf(ranges);
    }

    /** The client's address as text ({@code 203.0.113.7}, {@code 2001:db8::1}). */
    public String of(HttpRequest<?> request) {
        return of(request.getRemoteAddress(), request.getHeaders().getAll("X-Forwarded-For"));
    }

    /** The client's address, from the socket's peer and the {@code X-Forwarded-For} headers of the request. */
    public String of(InetSocketAddress remote, List<String> forwarded) {
        InetAddress peer = remote.getAddress();
        if (peer == null) {
            return remote.getHostString();
        }
        if (trusted.isEmpty() || !isTrusted(peer)) {
            return peer.getHostAddress();
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwarded) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                break; // garbage where an address should be: stop at the last address we could trust
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client.getHostAddress();
    }

    private boolean isTrusted(InetAddress address) {
        for (Range r : trusted) {
            if (r.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.regex.Pattern IPV4 =
            java.util.regex.Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    /** An IP literal, or null; never a name lookup. */
    static InetAddress literal(String text) {
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        try {
            var v4 = IPV4.matcher(t);
            if (v4.matches()) {
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(v4.group(i + 1));
                    if (octet > 255) {
                        return null;
                    }
                    bytes[i] = (byte) octet;
                }
                return InetAddress.getByAddress(bytes);
            }
            if (t.indexOf(':') >= 0 && t.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
                // in brackets the JDK parses it as an IPv6 literal and never asks DNS
                return InetAddress.getByName("[" + t + "]");
            }
        } catch (java.net.UnknownHostException e) {
            return null;
        }
        return null;
    }

    /** An address or a CIDR range. */
    record Range(byte[] network, int prefix) {

        static Range parse(String text) {
            int slash = text.indexOf('/');
            InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("chatbot.network.trusted-proxies: not an IP address or CIDR range: " + text);
            }
            int bits = address.getAddress().length * 8;
            int prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("chatbot.network.trusted-proxies: bad prefix length in " + text);
            }
            return new Range(address.getAddress(), prefix);
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (a[full] & mask) == (network[full] & mask);
        }
    }
}
