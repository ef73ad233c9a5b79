package dev.chatbot.connectors.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatbot.connectors.http.ApiException;
import dev.chatbot.connectors.http.Json;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Staff accounts for admins ({@link StaffFilter} lets only admins in): {@code GET /api/admin/users},
 * {@code POST /api/admin/users}, {@code PATCH /api/admin/users/{username}} (display name, role, enabled),
 * {@code POST /api/admin/users/{username}/password} and {@code POST /api/admin/users/{username}/unlock}.
 * Password hashes never leave the server.
 */
@Controller("/api/admin/users")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminUsersController {

    private static final String[] CONSUMES = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN};

    private final StaffAccounts accounts;
    private final Clock clock;

    public AdminUsersController(StaffAccounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> list(HttpRequest<?> request) {
        Staff.of(request);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode users = out.putArray("users");
        accounts.list().forEach(u -> users.add(json(u)));
        return Json.ok(out);
    }

    @Post(consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN}, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> create(HttpRequest<?> request, @Body @Nullable String body) {
        Staff.of(request);
        ObjectNode in = Json.object(body, Set.of("username", "displayName", "role", "password"));
        String username = Json.requiredText(in, "username");
        StaffRole role = role(Json.optionalText(in, "role").orElse("agent"));
        String displayName = Json.optionalText(in, "displayName").orElse(username);
        StaffUser created = accounts.create(username, displayName, role, Json.requiredText(in, "password"));
        return Json.status(HttpStatus.CREATED, json(created));
    }

    @Patch(uri = "/{username}", consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN}, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> update(HttpRequest<?> request, @PathVariable String username, @Body @Nullable String body) {
        StaffUser actor = Staff.of(request);
        ObjectNode in = Json.object(body, Set.of("displayName", "role", "enabled"));
        Optional<Boolean> enabled = Optional.empty();
        JsonNode e = in.get("enabled");
        if (e != null && !e.isNull()) {
            if (!e.isBoolean()) {
                throw ApiException.badRequest("invalid_field", "Field 'enabled' must be true or false.");
            }
            enabled = Optional.of(e.booleanValue());
        }
        StaffUser updated = accounts.update(actor, username, Json.optionalText(in, "displayName"),
                Json.optionalText(in, "role").map(AdminUsersController::role), enabled);
        return Json.ok(json(updated));
    }

    @Post(uri = "/{username}/password", consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN}, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> resetPassword(HttpRequest<?> request, @PathVariable String username, @Body @Nullable String body) {
        StaffUser actor = Staff.of(request);
        ObjectNode in = Json.object(body, Set.of("password"));
        return Json.ok(json(accounts.resetPassword(actor, username, Json.requiredText(in, "password"))));
    }

    @Post(uri = "/{username}/unlock", consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN}, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> unlock(HttpRequest<?> request, @PathVariable String username, @Body @Nullable String body) {
        StaffUser actor = Staff.of(request);
        Json.object(body, Set.of());
        return Json.ok(json(accounts.unlock(actor, username)));
    }

    private static StaffRole role(String name) {
        return StaffRole.fromWire(name).orElseThrow(() ->
                ApiException.badRequest("invalid_field", "Field 'role' must be 'agent' or 'admin'."));
    }

    private ObjectNode json(StaffUser u) {
        ObjectNode n = Json.MAPPER.createObjectNode()
                .put("username", u.username())
                .put("displayName", u.displayName())
                .put("role", u.role().wireName())
                .put("enabled", u.enabled())
                .put("locked", u.lockedAt(clock.instant()))
                .put("failedAttempts", u.failedAttempts())
                .put("createdAt", u.createdAt().toString());
        u.lockedUntil().filter(t -> t.isAfter(clock.instant())).ifPresent(t -> n.put("lockedUntil", t.toString()));
        u.lastLoginAt().ifPresent(t -> n.put("lastLoginAt", t.toString()));
        return n;
    }
}
