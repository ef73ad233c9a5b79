package dev.chatbot.connectors.auth;

import dev.chatbot.connectors.http.ApiException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;

/** The signed-in staff member of a request, as {@link StaffFilter} found them. */
public final class Staff {

    static final String ATTRIBUTE = "chatbot.staff";

    private Staff() {
    }

    /**
     * @throws ApiException 401 when the request did not pass the staff filter (never expected; a second wall)
     */
    public static StaffUser of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, StaffUser.class).orElseThrow(() ->
                new ApiException(HttpStatus.UNAUTHORIZED, "invalid_token", "Sign in first."));
    }

    /** The bearer token of a request, or null. */
    static String bearer(HttpRequest<?> request) {
        String header = request.getHeaders().get("Authorization");
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).strip();
    }
}
