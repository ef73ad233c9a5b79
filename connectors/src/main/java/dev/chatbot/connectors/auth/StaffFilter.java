package dev.chatbot.connectors.auth;

import dev.chatbot.connectors.http.ApiException;
import dev.chatbot.connectors.http.Json;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.Set;

/**
 * The gate in front of every agent, admin and account call, so that no endpoint can forget a check:
 * state-changing calls from another site are refused (403 {@code cross_site}); everything but sign-in needs a valid
 * staff token (401 {@code invalid_token}); {@code /api/admin/**} needs the admin role (403 {@code forbidden}). The
 * account is read on every call, so a disabled account is refused at once. Responses are never cached.
 */
@ServerFilter({StaffFilter.AGENT_PATHS, StaffFilter.ADMIN_PATHS, StaffFilter.AUTH_PATHS})
public class StaffFilter {

    static final String AGENT_PATHS = "/api/agent/**";
    static final String ADMIN_PATHS = "/api/admin/**";
    static final String AUTH_PATHS = "/api/auth/**";
    static final String LOGIN_PATH = "/api/auth/login";

    private static final Logger LOG = LoggerFactory.getLogger(StaffFilter.class);
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final Authenticator authenticator;
    private final CrossSitePolicy crossSite;

    public StaffFilter(Authenticator authenticator, CrossSitePolicy crossSite) {
        this.authenticator = authenticator;
        this.crossSite = crossSite;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        String path = request.getPath();
        if (!SAFE.contains(request.getMethod()) && !crossSite.allows(request)) {
            LOG.atWarn().addKeyValue("path", path).addKeyValue("origin", request.getHeaders().getOrigin().orElse(""))
                    .log("cross-site call refused");
            return Json.error(new ApiException(HttpStatus.FORBIDDEN, "cross_site",
                    "Requests from other sites are not accepted."));
        }
        if (path.equals(LOGIN_PATH)) {
            return null;
        }
        Optional<StaffUser> user = authenticator.authenticate(Staff.bearer(request));
        if (user.isEmpty()) {
            return Json.error(new ApiException(HttpStatus.UNAUTHORIZED, "invalid_token",
                    "The token is missing, invalid or expired; sign in again."))
                    .header("WWW-Authenticate", "Bearer");
        }
        if (path.startsWith("/api/admin/") && !user.get().isAdmin()) {
            LOG.atInfo().addKeyValue("user", user.get().username()).addKeyValue("path", path).log("admin call refused");
            return Json.error(new ApiException(HttpStatus.FORBIDDEN, "forbidden", "This needs the admin role."));
        }
        request.setAttribute(Staff.ATTRIBUTE, user.get());
        return null;
    }

    @ResponseFilter
    public void noStore(MutableHttpResponse<?> response) {
        response.header("Cache-Control", "no-store");
    }
}
