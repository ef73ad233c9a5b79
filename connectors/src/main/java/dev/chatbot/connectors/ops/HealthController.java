package dev.chatbot.connectors.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatbot.connectors.http.Json;
import dev.chatbot.connectors.storage.JdbcConversationStore;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code GET /health}: 200 with {@code "status":"UP"} when the server can store messages, 503 with
 * {@code "DOWN"} otherwise, and the state of each dependency. Carries no secrets and no customer data.
 */
@Controller("/health")
@ExecuteOn(TaskExecutors.BLOCKING)
public class HealthController {

    private final JdbcConversationStore store;

    public HealthController(JdbcConversationStore store) {
        this.store = store;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> health() {
        boolean database = store.isAvailable();
        ObjectNode body = Json.MAPPER.createObjectNode().put("status", database ? "UP" : "DOWN");
        body.putObject("checks").put("database", database ? "UP" : "DOWN");
        return Json.status(database ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE, body);
    }
}
