package dev.chatbot.connectors.agent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatbot.connectors.auth.Staff;
import dev.chatbot.connectors.auth.StaffUser;
import dev.chatbot.connectors.gateway.TextSanitizer;
import dev.chatbot.connectors.http.ApiException;
import dev.chatbot.connectors.http.Json;
import dev.chatbot.core.agent.AgentDesk;
import dev.chatbot.core.agent.QueueItem;
import dev.chatbot.core.conversation.ConversationState;
import dev.chatbot.core.conversation.Message;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The agent REST API (contracts section 7). Every call has passed {@code StaffFilter}: a valid token of an enabled
 * agent or admin, and for state-changing calls a same-site origin.
 */
@Controller("/api/agent")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AgentController {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final AgentDesk desk;
    private final AgentJson json;
    private final AgentConfig config;

    public AgentController(AgentDesk desk, AgentJson json, AgentConfig config) {
        this.desk = desk;
        this.json = json;
        this.config = config;
    }

    /** {@code GET /api/agent/conversations?state=waiting_for_agent}: the queue, longest waiting first. */
    @Get(uri = "/conversations", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> queue(HttpRequest<?> request, @QueryValue(defaultValue = "waiting_for_agent") String state) {
        Staff.of(request);
        ConversationState s;
        try {
            s = ConversationState.fromWire(state);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_field",
                    "state must be one of bot, waiting_for_agent, agent, resolved.");
        }
        Function<String, Optional<String>> names = json.displayNames();
        ObjectNode out = Json.MAPPER.createObjectNode().put("state", s.wireName());
        ArrayNode list = out.putArray("conversations");
        for (QueueItem item : desk.queue(s, config.getQueueLimit())) {
            list.add(json.item(item, names));
        }
        return Json.ok(out);
    }

    /** {@code GET /api/agent/conversations/{id}}: transcript, escalation, traces, notes, CRM card. */
    @Get(uri = "/conversations/{id}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> conversation(HttpRequest<?> request, @PathVariable String id) {
        Staff.of(request);
        checkId(id);
        return Json.ok(json.view(desk.item(id), desk.view(id)));
    }

    @Post(uri = "/conversations/{id}/claim", consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN}, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> claim(HttpRequest<?> request, @PathVariable String id, @Body @Nullable String body) {
        StaffUser user = Staff.of(request);
        checkId(id);
        Json.object(body, Set.of());
        desk.claim(id, user.asAgent());
        return Json.ok(json.item(desk.item(id), json.displayNames()));
    }

    @Post(uri = "/conversations/{id}/messages", consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN}, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> reply(HttpRequest<?> request, @PathVariable String id, @Body @Nullable String body) {
        StaffUser user = Staff.of(request);
        checkId(id);
        String text = TextSanitizer.clean(Json.requiredText(Json.object(body, Set.of("text")), "text"));
        Message stored = desk.reply(id, user.asAgent(), text);
        return Json.status(HttpStatus.CREATED, json.message(stored));
    }

    @Post(uri = "/conversations/{id}/typing", consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public HttpResponse<?> typing(HttpRequest<?> request, @PathVariable String id, @Body @Nullable String body) {
        StaffUser user = Staff.of(request);
        checkId(id);
        Json.object(body, Set.of());
        desk.typing(id, user.asAgent());
        return HttpResponse.noContent();
    }

    @Get(uri = "/conversations/{id}/notes", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> notes(HttpRequest<?> request, @PathVariable String id) {
        Staff.of(request);
        checkId(id);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("notes");
        desk.notes(id).forEach(n -> list.add(json.note(n)));
        return Json.ok(out);
    }

    @Post(uri = "/conversations/{id}/notes", consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN}, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> addNote(HttpRequest<?> request, @PathVariable String id, @Body @Nullable String body) {
        StaffUser user = Staff.of(request);
        checkId(id);
        String text = TextSanitizer.clean(Json.requiredText(Json.object(body, Set.of("text")), "text"));
        return Json.status(HttpStatus.CREATED, json.note(desk.note(id, user.asAgent(), text)));
    }

    @Post(uri = "/conversations/{id}/release", consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN}, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> release(HttpRequest<?> request, @PathVariable String id, @Body @Nullable String body) {
        StaffUser user = Staff.of(request);
        checkId(id);
        Json.object(body, Set.of());
        desk.release(id, user.asAgent());
        return Json.ok(json.item(desk.item(id), json.displayNames()));
    }

    @Post(uri = "/conversations/{id}/resolve", consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN}, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> resolve(HttpRequest<?> request, @PathVariable String id, @Body @Nullable String body) {
        StaffUser user = Staff.of(request);
        checkId(id);
        Json.object(body, Set.of());
        desk.resolve(id, user.asAgent());
        return Json.ok(json.item(desk.item(id), json.displayNames()));
    }

    /** {@code GET /api/agent/canned-replies}: the configured ready-made replies, with the agent's name filled in. */
    @Get(uri = "/canned-replies", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> cannedReplies(HttpRequest<?> request) {
        StaffUser user = Staff.of(request);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("replies");
        int i = 1;
        for (String text : config.getCannedReplies()) {
            list.addObject().put("id", "r" + i++).put("text", text.replace("{agent}", user.displayName()));
        }
        return Json.ok(out);
    }

    private static void checkId(String id) {
        if (!ID.matcher(id).matches()) {
            throw new ApiException(HttpStatus.NOT_FOUND, "not_found", "There is no such conversation.");
        }
    }
}
