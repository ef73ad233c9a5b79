package dev.chatbot.connectors.auth;

import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Security headers for the agent and admin consoles' pages: a strict Content-Security-Policy (scripts, styles and
 * connections only from this server, no inline script, no framing), no sniffing, no referrer, no caching.
 */
@ServerFilter({"/agent", "/agent/**", "/admin", "/admin/**"})
public class ConsoleHeadersFilter {

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; "
            + "object-src 'none'";

    @ResponseFilter
    public void secure(MutableHttpResponse<?> response) {
        response.header("Content-Security-Policy", POLICY);
        response.header("X-Frame-Options", "DENY");
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "no-referrer");
        response.header("Cache-Control", "no-cache");
    }
}
