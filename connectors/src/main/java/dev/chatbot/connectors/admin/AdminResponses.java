package dev.chatbot.connectors.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatbot.connectors.http.Json;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

/** Answers of the admin API: JSON, with the file's version as a strong {@code ETag} where there is one. */
final class AdminResponses {

    private AdminResponses() {
    }

    static HttpResponse<String> item(ObjectNode body) {
        MutableHttpResponse<String> r = Json.ok(body);
        if (body.hasNonNull("version")) {
            r.header("ETag", "\"" + body.get("version").asText() + "\"");
        }
        return r;
    }

    static HttpResponse<String> result(Result result, HttpStatus status) {
        MutableHttpResponse<String> r = Json.status(result.body().path("saved").asBoolean(true) ? status : HttpStatus.OK,
                result.body());
        if (result.version() != null) {
            r.header("ETag", "\"" + result.version() + "\"");
        }
        return r;
    }

    static HttpResponse<String> deleted() {
        return HttpResponse.noContent();
    }
}
