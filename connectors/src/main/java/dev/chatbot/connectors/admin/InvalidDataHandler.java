package dev.chatbot.connectors.admin;

import dev.chatbot.connectors.http.Json;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** An edit the validator refused: 400 {@code invalid_data} with every problem (file, line, field, message). */
@Produces
@Singleton
@Requires(classes = {TrainingDataEdits.InvalidDataException.class, ExceptionHandler.class})
public class InvalidDataHandler implements ExceptionHandler<TrainingDataEdits.InvalidDataException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, TrainingDataEdits.InvalidDataException e) {
        return Json.status(HttpStatus.BAD_REQUEST, e.body());
    }
}
