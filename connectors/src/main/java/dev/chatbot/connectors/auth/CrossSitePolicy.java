package dev.chatbot.connectors.auth;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Refuses state-changing calls that a page on another site makes from a staff member's browser. Tokens travel in
 * the {@code Authorization} header, never in cookies, so a foreign page cannot borrow them; this check is the second
 * wall (and it keeps a foreign page from signing someone in under the attacker's account).
 *
 * <p>A browser request names its origin ({@code Origin}) and, in current browsers, how it relates to the target
 * ({@code Sec-Fetch-Site}). Allowed: no browser headers at all (scripts, curl), {@code Sec-Fetch-Site: same-origin},
 * or an {@code Origin} equal to this server (its {@code Host}) or listed in {@code chatbot.auth.allowed-origins}.
 */
@Singleton
public final class CrossSitePolicy {

    private final Set<String> allowed;

    public CrossSitePolicy(AuthConfig config) {
        this.allowed = config.getAllowedOrigins().stream()
                .map(CrossSitePolicy::normalise)
                .flatMap(Optional::stream)
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean allows(HttpRequest<?> request) {
        Optional<String> origin = request.getHeaders().getOrigin();
        String fetchSite = request.getHeaders().get("Sec-Fetch-Site");
        if (origin.isEmpty()) {
            // without an Origin, only a request the browser itself calls cross-site is refused
            return fetchSite == null || fetchSite.equals("same-origin") || fetchSite.equals("none");
        }
        Optional<String> normalised = normalise(origin.get());
        if (normalised.isEmpty()) {
            return false; // "null" (sandboxed frames, file:) and garbage
        }
        if (allowed.contains(normalised.get())) {
            return true;
        }
        if (fetchSite != null && !fetchSite.equals("same-origin")) {
            return false;
        }
        return sameAsHost(normalised.get(), request.getHeaders().get("Host"));
    }

    private static boolean sameAsHost(String origin, String host) {
        if (host == null) {
            return false;
        }
        URI uri = URI.create(origin);
        int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
        String hostHeader = host.strip().toLowerCase(Locale.ROOT);
        String withPort = hostHeader.matches(".*:\\d+$") ? hostHeader : hostHeader + ":" + port;
        return (uri.getHost() + ":" + port).equals(withPort);
    }

    /** {@code scheme://host[:port]} in lower case, or empty when it is not an http(s) origin. */
    static Optional<String> normalise(String origin) {
        try {
            URI uri = URI.create(origin.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))) {
                return Optional.empty();
            }
            String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
