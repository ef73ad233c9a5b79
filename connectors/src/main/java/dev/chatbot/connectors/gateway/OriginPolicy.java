package dev.chatbot.connectors.gateway;

import dev.chatbot.connectors.config.WidgetConfig;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a browser page may open a chat socket (against cross-site WebSocket hijacking). A request
 * without an {@code Origin} header does not come from a browser page and is allowed: the token still guards the
 * conversation. With an origin, it must be this server itself (the origin's host and port equal the {@code Host}
 * header), as the widget's frame is, or be in {@code chatbot.widget.allowed-origins}.
 */
@Singleton
public final class OriginPolicy {

    private final Set<String> allowed;

    public OriginPolicy(WidgetConfig config) {
        this.allowed = config.getAllowedOrigins().stream()
                .map(OriginPolicy::normalise)
                .flatMap(Optional::stream)
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean allows(HttpRequest<?> request) {
        Optional<String> origin = request.getHeaders().getOrigin();
        if (origin.isEmpty()) {
            return true;
        }
        Optional<String> normalised = normalise(origin.get());
        if (normalised.isEmpty()) {
            return false; // "null" origins (sandboxed frames, file://) and garbage
        }
        if (allowed.contains("*") || allowed.contains(normalised.get())) {
            return true;
        }
        // the server's own pages, above all the widget's frame, may always open it: listing the sites that embed
        // the widget must not lock the widget itself out
        String host = request.getHeaders().get("Host");
        if (host == null) {
            return false;
        }
        URI uri = URI.create(normalised.get());
        String originHostPort = uri.getHost() + ":" + effectivePort(uri);
        String hostHeader = host.toLowerCase(Locale.ROOT);
        String hostWithPort = hostHeader.contains(":") ? hostHeader : hostHeader + ":" + effectivePort(uri);
        return originHostPort.equals(hostWithPort);
    }

    /** The allowed origins other than this server, normalised; {@code *} when any origin is allowed. */
    public Set<String> allowedOrigins() {
        return allowed;
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme()) ? 443 : 80;
    }

    /** {@code scheme://host[:port]} in lower case, or empty when it is not an http(s) origin. */
    static Optional<String> normalise(String origin) {
        if ("*".equals(origin.strip())) {
            return Optional.of("*");
        }
        try {
            URI uri = URI.create(origin.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                return Optional.empty();
            }
            String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
