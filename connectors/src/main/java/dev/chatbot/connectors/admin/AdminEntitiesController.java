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

/**
 * {@code /api/admin/entities}: entity definitions (patterns and lookup values with synonyms): list and search, read,
 * create, change (JSON or YAML), delete. Admins only; writes are validated first.
 */
@Controller("/api/admin/entities")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminEntitiesController {

    private final EntityEditor entities;
    private final AdminRequests requests;

    public AdminEntitiesController(TrainingDataEdits edits, AdminConsoleConfig config) {
        this.requests = new AdminRequests(config);
        this.entities = new EntityEditor(edits, requests, config);
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> list(HttpRequest<?> request, @QueryValue @Nullable String q) {
        Staff.of(request);
        return AdminResponses.item(entities.list(q));
    }

    @Get(uri = "/{name}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> get(HttpRequest<?> request, @PathVariable String name) {
        Staff.of(request);
        return AdminResponses.item(entities.get(name));
    }

    @Post(consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN}, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> create(HttpRequest<?> request, @Body @Nullable String body) {
        String who = Staff.of(request).username();
        ObjectNode in = requests.object(body, EntityEditor.FIELDS);
        return AdminResponses.result(entities.create(in, AdminRequests.dryRun(request), who), HttpStatus.CREATED);
    }

    @Put(uri = "/{name}", consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, "application/yaml",
            "application/x-yaml", "text/yaml", "text/x-yaml"}, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> update(HttpRequest<?> request, @PathVariable String name, @Body @Nullable String body) {
        String who = Staff.of(request).username();
        AdminRequests.name(name, "entity name");
        if (AdminRequests.isYaml(request)) {
            requests.checkSize(body);
            return AdminResponses.result(entities.updateYaml(name, body == null ? "" : body,
                    AdminRequests.expectedVersion(request, null), AdminRequests.dryRun(request), who), HttpStatus.OK);
        }
        ObjectNode in = requests.object(body, EntityEditor.FIELDS);
        return AdminResponses.result(entities.update(name, in, AdminRequests.expectedVersion(request, in),
                AdminRequests.dryRun(request), who), HttpStatus.OK);
    }

    @Delete(uri = "/{name}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> delete(HttpRequest<?> request, @PathVariable String name) {
        String who = Staff.of(request).username();
        entities.delete(name, AdminRequests.expectedVersion(request, null), who);
        return AdminResponses.deleted();
    }
}
