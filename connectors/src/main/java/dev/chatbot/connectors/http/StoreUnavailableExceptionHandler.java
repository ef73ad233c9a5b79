package dev.chatbot.connectors.http;

import dev.chatbot.core.port.StoreUnavailableException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request that needed the database while it was unreachable: {@code 503} with the common error body
 * ({@code store_unavailable}) and a {@code Retry-After}, instead of a 500 that carries the driver's message.
 */
@Produces
@Singleton
@Requires(classes = {StoreUnavailableException.class, ExceptionHandler.class})
public class StoreUnavailableExceptionHandler implements ExceptionHandler<StoreUnavailableException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(StoreUnavailableExceptionHandler.class);

    @Override
    public HttpResponse<?> handle(HttpRequest request, StoreUnavailableException exception) {
        LOG.atWarn().addKeyValue("path", request.getPath()).addKeyValue("error", exception.getMessage())
                .log("request failed: store unavailable");
        return Json.error(new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "store_unavailable",
                "The service cannot reach its database right now; nothing was changed. Please try again in a moment."))
                .header("Retry-After", "5");
    }
}
