package dev.chatbot.connectors.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatbot.connectors.http.Json;
import dev.chatbot.connectors.network.ClientAddresses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.Set;

/**
 * {@code POST /api/auth/login} ({@code {"username","password"}} -> {@code {"token","role",...}}),
 * {@code GET /api/auth/me} and {@code POST /api/auth/logout} (ends every session of the account).
 */
@Controller("/api/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuthController {

    private final Authenticator authenticator;
    private final StaffAccounts accounts;

    private final ClientAddresses clientAddresses;

    public AuthController(Authenticator authenticator, StaffAccounts accounts, ClientAddresses clientAddresses) {
        this.clientAddresses = clientAddresses;
        this.authenticator = authenticator;
        this.accounts = accounts;
    }

    @Post(uri = "/login", consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN}, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> login(HttpRequest<?> request, @Body @Nullable String body) {
        ObjectNode in = Json.object(body, Set.of("username", "password"));
        String username = Json.requiredText(in, "username");
        String password = Json.requiredText(in, "password");
        Authenticator.Session session = authenticator.login(username, password, clientAddresses.of(request));
        ObjectNode out = user(session.user()).put("token", session.token()).put("expiresAt", session.expiresAt().toString());
        return Json.ok(out);
    }

    @Get(uri = "/me", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> me(HttpRequest<?> request) {
        return Json.ok(user(Staff.of(request)));
    }

    @Post(uri = "/logout", consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN}, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> logout(HttpRequest<?> request, @Body @Nullable String body) {
        Json.object(body, Set.of());
        StaffUser user = Staff.of(request);
        authenticator.logout(user);
        accounts.endSessions(user.username());
        return Json.ok(Json.MAPPER.createObjectNode().put("signedOut", true));
    }

    static ObjectNode user(StaffUser u) {
        return Json.MAPPER.createObjectNode()
                .put("role", u.role().wireName())
                .put("username", u.username())
                .put("displayName", u.displayName());
    }
}
