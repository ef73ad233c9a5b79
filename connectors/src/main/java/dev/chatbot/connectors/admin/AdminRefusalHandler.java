package dev.chatbot.connectors.admin;

import dev.chatbot.connectors.http.Json;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A refusal that carries its own body, such as 409 {@code regression} with the comparison. */
@Produces
@Singleton
@Requires(classes = {AdminRefusal.class, ExceptionHandler.class})
public class AdminRefusalHandler implements ExceptionHandler<AdminRefusal, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, AdminRefusal e) {
        return Json.status(e.status(), e.body());
    }
}
