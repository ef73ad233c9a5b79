package dev.chatbot.connectors.http;

import dev.chatbot.connectors.config.WidgetConfig;
import dev.chatbot.connectors.gateway.OriginPolicy;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.TreeSet;

/**
 * Security headers on every response, pages and APIs alike: {@code X-Content-Type-Options: nosniff} and
 * {@code Referrer-Policy: no-referrer}, and who may frame the page. The widget's files ({@code /widget/**}) may be
 * framed by this server and by the sites in {@code chatbot.widget.allowed-origins}
 * ({@code Content-Security-Policy: frame-ancestors 'self' https://shop.example}; {@code *}, or an empty setting, lets
 * any site embed it, as a one-script-tag install expects; a list of sites that is all garbage lets none but this one);
 * every other page only by this server ({@code frame-ancestors 'self'}, {@code X-Frame-Options: SAMEORIGIN}). The
 * agent and admin consoles get their stricter set from {@code ConsoleHeadersFilter} ({@code frame-ancestors 'none'})
 * and are left to it.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeadersFilter {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityHeadersFilter.class);
    static final String WIDGET_PATH = "/widget/";

    private final String widgetFrameAncestors;

    public SecurityHeadersFilter(OriginPolicy origins, WidgetConfig widget) {
        if (widget.getAllowedOrigins().isEmpty()) {
            // the one-script-tag install works on any site until the admin lists the shop's sites
            LOG.warn("chatbot.widget.allowed-origins is empty: any site may embed the chat widget; "
                    + "set CHATBOT_WIDGET_ALLOWED_ORIGINS to the shop's origins to restrict it");
            widgetFrameAncestors = "frame-ancestors *";
        } else if (origins.allowedOrigins().contains("*")) {
            widgetFrameAncestors = "frame-ancestors *";
        } else {
            // sorted, so the header is the same on every node and every start
            widgetFrameAncestors = "frame-ancestors 'self'" + String.join("",
                    new TreeSet<>(origins.allowedOrigins()).stream().map(o -> " " + o).toList());
        }
    }

    /** The {@code frame-ancestors} directive of the widget's pages. */
    public String widgetFrameAncestors() {
        return widgetFrameAncestors;
    }

    @ResponseFilter
    public void secure(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String path = request.getPath();
        if (isConsolePage(path)) {
            return; // ConsoleHeadersFilter
        }
        var headers = response.getHeaders();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        if (headers.contains("Content-Security-Policy")) {
            return; // a page with its own, stricter policy (the evaluation report: sandboxed, frame-ancestors 'none')
        }
        if (path.startsWith(WIDGET_PATH)) {
            headers.set("Content-Security-Policy", widgetFrameAncestors);
        } else {
            headers.set("Content-Security-Policy", "frame-ancestors 'self'");
            headers.set("X-Frame-Options", "SAMEORIGIN");
        }
    }

    private static boolean isConsolePage(String path) {
        return path.equals("/agent") || path.startsWith("/agent/") || path.equals("/admin") || path.startsWith("/admin/");
    }
}
