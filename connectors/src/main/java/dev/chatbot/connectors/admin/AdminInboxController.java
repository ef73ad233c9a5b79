package dev.chatbot.connectors.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatbot.connectors.auth.Staff;
import dev.chatbot.connectors.http.ApiException;
import dev.chatbot.connectors.http.Json;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code /api/admin/inbox}: recent customer messages the bot did not understand, and {@code POST .../dismiss} to mark
 * one dealt with ({@code action}: {@code dismissed}, {@code example:<intent>} or {@code faq:<id>}).
 */
@Controller("/api/admin/inbox")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminInboxController {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern ACTION = Pattern.compile("dismissed|example:[a-z][a-z0-9_]{0,99}|faq:[A-Za-z0-9][A-Za-z0-9_.:/-]{0,99}");

    private final MisunderstoodMessages inbox;
    private final AdminRequests requests;

    public AdminInboxController(MisunderstoodMessages inbox, AdminConsoleConfig config) {
        this.inbox = inbox;
        this.requests = new AdminRequests(config);
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> list(HttpRequest<?> request, @QueryValue(defaultValue = "50") int limit) {
        Staff.of(request);
        return Json.ok(inbox.list(Math.max(1, Math.min(200, limit))));
    }

    @Post(uri = "/dismiss", consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN}, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> dismiss(HttpRequest<?> request, @Body @Nullable String body) {
        String who = Staff.of(request).username();
        ObjectNode in = requests.object(body, Set.of("conversationId", "seq", "action"));
        String id = Json.requiredText(in, "conversationId");
        if (!ID.matcher(id).matches()) {
            throw ApiException.badRequest("invalid_field", "Field 'conversationId' is not a conversation id.");
        }
        JsonNode seq = in.get("seq");
        if (seq == null || !seq.canConvertToLong() || seq.asLong() < 1) {
            throw ApiException.badRequest("invalid_field", "Field 'seq' must be a message number.");
        }
        String action = Json.optionalText(in, "action").orElse("dismissed");
        if (!ACTION.matcher(action).matches()) {
            throw ApiException.badRequest("invalid_field", "Field 'action' must be dismissed, example:<intent> or faq:<id>.");
        }
        inbox.handled(id, seq.asLong(), action, who);
        return HttpResponse.noContent();
    }
}
