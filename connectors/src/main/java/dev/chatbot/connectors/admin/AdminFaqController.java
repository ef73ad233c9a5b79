package dev.chatbot.connectors.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatbot.connectors.auth.Staff;
import dev.chatbot.connectors.http.ApiException;
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
 * {@code /api/admin/faq}: FAQ entries by their stable ids (list and search, by topic too; read, create, change,
 * delete) and topic files as YAML ({@code /api/admin/faq/topics/{topic}}). Admins only; writes are validated first.
 */
@Controller("/api/admin/faq")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminFaqController {

    private final FaqEditor faq;
    private final AdminRequests requests;

    public AdminFaqController(TrainingDataEdits edits, AdminConsoleConfig config) {
        this.requests = new AdminRequests(config);
        this.faq = new FaqEditor(edits, requests);
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> list(HttpRequest<?> request, @QueryValue @Nullable String q,
                                     @QueryValue @Nullable String topic) {
        Staff.of(request);
        return AdminResponses.item(faq.list(q, topic));
    }

    @Get(uri = "/topics/{topic}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> topic(HttpRequest<?> request, @PathVariable String topic) {
        Staff.of(request);
        return AdminResponses.item(faq.topic(topic));
    }

    @Put(uri = "/topics/{topic}", consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, "application/yaml",
            "application/x-yaml", "text/yaml", "text/x-yaml"}, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> topicYaml(HttpRequest<?> request, @PathVariable String topic, @Body @Nullable String body) {
        String who = Staff.of(request).username();
        if (!AdminRequests.isYaml(request)) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "yaml_expected",
                    "Send the whole topic file as application/yaml; edit single entries under /api/admin/faq/{id}.");
        }
        requests.checkSize(body);
        return AdminResponses.result(faq.updateTopicYaml(topic, body == null ? "" : body,
                AdminRequests.expectedVersion(request, null), AdminRequests.dryRun(request), who), HttpStatus.OK);
    }

    @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> get(HttpRequest<?> request, @PathVariable String id) {
        Staff.of(request);
        return AdminResponses.item(faq.get(id));
    }

    @Post(consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN}, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> create(HttpRequest<?> request, @Body @Nullable String body) {
        String who = Staff.of(request).username();
        ObjectNode in = requests.object(body, FaqEditor.FIELDS);
        return AdminResponses.result(faq.create(in, AdminRequests.dryRun(request), who), HttpStatus.CREATED);
    }

    @Put(uri = "/{id}", consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN}, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> update(HttpRequest<?> request, @PathVariable String id, @Body @Nullable String body) {
        String who = Staff.of(request).username();
        ObjectNode in = requests.object(body, FaqEditor.FIELDS);
        return AdminResponses.result(faq.update(id, in, AdminRequests.expectedVersion(request, in),
                AdminRequests.dryRun(request), who), HttpStatus.OK);
    }

    @Delete(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> delete(HttpRequest<?> request, @PathVariable String id) {
        String who = Staff.of(request).username();
        faq.delete(id, AdminRequests.expectedVersion(request, null), who);
        return AdminResponses.deleted();
    }
}
