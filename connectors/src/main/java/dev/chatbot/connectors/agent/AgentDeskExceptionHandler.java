package dev.chatbot.connectors.agent;

import dev.chatbot.connectors.http.ApiException;
import dev.chatbot.connectors.http.Json;
import dev.chatbot.core.agent.AgentDeskException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Answers an agent action the conversation's state does not allow with the common error body: 404 {@code not_found},
 * 409 {@code claimed_by_other} / {@code not_assigned} / {@code wrong_state}, 400 {@code invalid_text}.
 */
@Produces
@Singleton
@Requires(classes = {AgentDeskException.class, ExceptionHandler.class})
public class AgentDeskExceptionHandler implements ExceptionHandler<AgentDeskException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, AgentDeskException e) {
        HttpStatus status = switch (e.reason()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case INVALID_TEXT -> HttpStatus.BAD_REQUEST;
            case CLAIMED_BY_OTHER, NOT_ASSIGNED, WRONG_STATE -> HttpStatus.CONFLICT;
        };
        String code = switch (e.reason()) {
            case NOT_FOUND -> "not_found";
            case INVALID_TEXT -> "invalid_text";
            case CLAIMED_BY_OTHER -> "claimed_by_other";
            case NOT_ASSIGNED -> "not_assigned";
            case WRONG_STATE -> "wrong_state";
        };
        return Json.error(new ApiException(status, code, e.getMessage()));
    }
}
