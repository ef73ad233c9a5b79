package dev.chatbot.connectors.metrics;

import dev.chatbot.connectors.auth.Staff;
import dev.chatbot.connectors.config.MetricsConfig;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The gateway's metrics in Prometheus' text format, never open to the public: {@code GET /api/admin/metrics} for a
 * signed-in admin (checked by the staff filter, like every admin call), and {@code GET /metrics} with
 * {@code Authorization: Bearer <chatbot.metrics.token>} only when such a token is configured (404 otherwise, 401 for
 * a missing or wrong token). Reading is cheap and touches neither the database nor the event loop's work.
 */
@Controller
public class MetricsController {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(MetricsController.class);

    private final GatewayMetrics metrics;
    private final Optional<byte[]> token;

    public MetricsController(GatewayMetrics metrics, MetricsConfig config) {
        this.metrics = metrics;
        Optional<String> configured = config.getToken();
        if (configured.isPresent() && configured.get().length() < MetricsConfig.MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("chatbot.metrics.token must be at least "
                    + MetricsConfig.MIN_TOKEN_LENGTH + " characters (or empty to turn GET /metrics off)");
        }
        this.token = configured.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    @Get("/api/admin/metrics")
    public HttpResponse<String> forAdmins(HttpRequest<?> request) {
        Staff.of(request);
        return text();
    }

    @Get("/metrics")
    public HttpResponse<String> withToken(HttpRequest<?> request) {
        if (token.isEmpty()) {
            return HttpResponse.notFound();
        }
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        byte[] given = header != null && header.startsWith("Bearer ")
                ? header.substring(7).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(given, token.get())) {
            LOG.atInfo().log("metrics refused: missing or wrong token");
            return HttpResponse.<String>status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return text();
    }

    private HttpResponse<String> text() {
        return HttpResponse.ok(metrics.prometheusText()).contentType(PROMETHEUS_TEXT).header("Cache-Control", "no-store");
    }
}
