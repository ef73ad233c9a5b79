package dev.chatbot.connectors.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpStatus;

/** A refusal with more to say than the common error body (the regression check's comparison, for one). */
public final class AdminRefusal extends RuntimeException {

    private final HttpStatus status;
    private final transient ObjectNode body;

    AdminRefusal(HttpStatus status, ObjectNode body) {
        super(body.path("message").asText(), null, false, false);
        this.status = status;
        this.body = body;
    }

    public HttpStatus status() {
        return status;
    }

    public ObjectNode body() {
        return body;
    }
}
