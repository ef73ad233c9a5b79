package dev.chatbot.connectors.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatbot.connectors.auth.Staff;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.Set;

/**
 * {@code /api/admin/intents}: list and search, read, create, change (JSON, or the whole file as YAML), add one
 * example, delete. Admins only (the staff filter checks token and role on every call). Writes are validated before
 * they are saved and take {@code If-Match} (or a {@code version} field) for optimistic locking; {@code ?dryRun=true}
 * only checks.
 */
@Controller("/api/admin/intents")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminIntentsController {


    private final IntentEditor intents;
    private final AdminRequests requests;

    public AdminIntentsController(TrainingDataEdits edits, AdminConsoleConfig config) {
        this.requests = new AdminRequests(config);
        this.intents = new IntentEditor(edits, requests, config);
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> list(HttpRequest<?> request, @QueryValue @Nullable String q) {
        Staff.of(request);
        return AdminResponses.item(intents.list(q));
    }

    @Get(uri = "/{name}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> get(HttpRequest<?> request, @PathVariable String name) {
        Staff.of(request);
        return AdminResponses.item(intents.get(name));
    }

    @Post(consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN}, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> create(HttpRequest<?> request, @Body @Nullable String body) {
        String who = Staff.of(request).username();
        ObjectNode in = requests.object(body, IntentEditor.FIELDS);
        return AdminResponses.result(intents.create(in, AdminRequests.dryRun(request), who), HttpStatus.CREATED);
    }

    @Put(uri = "/{name}", consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, "application/yaml",
            "application/x-yaml", "text/yaml", "text/x-yaml"}, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> update(HttpRequest<?> request, @PathVariable String name, @Body @Nullable String body) {
        String who = Staff.of(request).username();
        AdminRequests.name(name, "intent name");
        if (AdminRequests.isYaml(request)) {
            requests.checkSize(body);
            return AdminResponses.result(intents.updateYaml(name, body == null ? "" : body,
                    AdminRequests.expectedVersion(request, null), AdminRequests.dryRun(request), who), HttpStatus.OK);
        }
        ObjectNode in = requests.object(body, IntentEditor.FIELDS);
        return AdminResponses.result(intents.update(name, in, AdminRequests.expectedVersion(request, in),
                AdminRequests.dryRun(request), who), HttpStatus.OK);
    }

    @Post(uri = "/{name}/examples", consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN},
            produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> addExample(HttpRequest<?> request, @PathVariable String name, @Body @Nullable String body) {
        String who = Staff.of(request).username();
        AdminRequests.name(name, "intent name");
        ObjectNode in = requests.object(body, Set.of("text", "version"));
        return AdminResponses.result(intents.addExample(name, requests.requiredText(in, "text"),
                AdminRequests.expectedVersion(request, in), AdminRequests.dryRun(request), who), HttpStatus.CREATED);
    }

    @Delete(uri = "/{name}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> delete(HttpRequest<?> request, @PathVariable String name) {
        String who = Staff.of(request).username();
        intents.delete(name, AdminRequests.expectedVersion(request, null), who);
        return AdminResponses.deleted();
    }
}
