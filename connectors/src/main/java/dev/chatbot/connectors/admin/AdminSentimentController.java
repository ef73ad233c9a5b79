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
 * {@code /api/admin/sentiment}: the examples of each sentiment label: list and search, read a label, replace its
 * examples (JSON or YAML), add one ({@code POST .../{label}/examples}), remove one by position
 * ({@code DELETE .../{label}/examples/{index}}, with {@code If-Match} so the position is the one the admin saw).
 */
@Controller("/api/admin/sentiment")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminSentimentController {

    private final SentimentEditor sentiment;
    private final AdminRequests requests;

    public AdminSentimentController(TrainingDataEdits edits, AdminConsoleConfig config) {
        this.requests = new AdminRequests(config);
        this.sentiment = new SentimentEditor(edits, requests);
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> list(HttpRequest<?> request, @QueryValue @Nullable String q) {
        Staff.of(request);
        return AdminResponses.item(sentiment.list(q));
    }

    @Get(uri = "/{label}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> get(HttpRequest<?> request, @PathVariable String label) {
        Staff.of(request);
        return AdminResponses.item(sentiment.get(label));
    }

    @Put(uri = "/{label}", consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, "application/yaml",
            "application/x-yaml", "text/yaml", "text/x-yaml"}, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> replace(HttpRequest<?> request, @PathVariable String label, @Body @Nullable String body) {
        String who = Staff.of(request).username();
        if (AdminRequests.isYaml(request)) {
            requests.checkSize(body);
            return AdminResponses.result(sentiment.replaceYaml(label, body == null ? "" : body,
                    AdminRequests.expectedVersion(request, null), AdminRequests.dryRun(request), who), HttpStatus.OK);
        }
        ObjectNode in = requests.object(body, SentimentEditor.FIELDS);
        return AdminResponses.result(sentiment.replace(label, in, AdminRequests.expectedVersion(request, in),
                AdminRequests.dryRun(request), who), HttpStatus.OK);
    }

    @Post(uri = "/{label}/examples", consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN},
            produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> add(HttpRequest<?> request, @PathVariable String label, @Body @Nullable String body) {
        String who = Staff.of(request).username();
        ObjectNode in = requests.object(body, SentimentEditor.EXAMPLE_FIELDS);
        return AdminResponses.result(sentiment.add(label, in, AdminRequests.expectedVersion(request, in),
                AdminRequests.dryRun(request), who), HttpStatus.CREATED);
    }

    @Delete(uri = "/{label}/examples/{index}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> remove(HttpRequest<?> request, @PathVariable String label, @PathVariable String index) {
        String who = Staff.of(request).username();
        int i;
        try {
            i = Integer.parseInt(index);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_field", "The example's position must be a number.");
        }
        return AdminResponses.result(sentiment.remove(label, i, AdminRequests.expectedVersion(request, null), who),
                HttpStatus.OK);
    }
}
