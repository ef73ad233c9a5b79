package dev.chatbot.connectors.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatbot.connectors.http.ApiException;
import dev.chatbot.connectors.http.Json;
import dev.chatbot.nlp.data.TrainingDataLoader;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reading admin requests strictly: bodies within the size limit, known fields only, texts and lists of texts within
 * their limits, names in lowercase snake_case, and the version an edit is based on (the {@code If-Match} header or a
 * {@code version} field).
 */
final class AdminRequests {

    private final AdminConsoleConfig config;

    AdminRequests(AdminConsoleConfig config) {
        this.config = config;
    }

    /** The body as a JSON object with only the given fields (see {@link Json#object}), after the size check. */
    ObjectNode object(String body, Set<String> fields) {
        checkSize(body);
        return Json.object(body, fields);
    }

    void checkSize(String body) {
        if (body != null && body.length() > config.getMaxBodyBytes()
                || body != null && body.getBytes(StandardCharsets.UTF_8).length > config.getMaxBodyBytes()) {
            throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "too_large",
                    "The request body is larger than " + config.getMaxBodyBytes() + " bytes.");
        }
    }

    /** Whether the request sends YAML (a whole file) rather than JSON. */
    static boolean isYaml(HttpRequest<?> request) {
        return request.getContentType().map(MediaType::getName).map(String::toLowerCase)
                .filter(t -> t.equals("application/yaml") || t.equals("application/x-yaml") || t.equals("text/yaml")
                        || t.equals("text/x-yaml"))
                .isPresent();
    }

    static boolean dryRun(HttpRequest<?> request) {
        return request.getParameters().getFirst("dryRun").map(v -> v.equals("true") || v.equals("1")).orElse(false);
    }

    /** The file version an edit is based on: {@code If-Match} (quotes and {@code W/} dropped) or the body's field. */
    static String expectedVersion(HttpRequest<?> request, ObjectNode body) {
        String header = request.getHeaders().get("If-Match");
        if (header != null && !header.isBlank() && !header.strip().equals("*")) {
            return header.strip().replaceFirst("^W/", "").replace("\"", "").strip();
        }
        return body == null ? null : Json.optionalText(body, "version").map(String::strip).orElse(null);
    }

    /** A snake_case name from the path or the body. */
    static String name(String value, String what) {
        if (value == null || !TrainingDataLoader.NAME.matcher(value).matches() || value.length() > 100) {
            throw ApiException.badRequest("invalid_name", "The " + what + " '" + clip(value)
                    + "' is not a lowercase snake_case name (like order_status).");
        }
        return value;
    }

    static String clip(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 80 ? t.substring(0, 80) + "..." : t;
    }

    Optional<String> text(ObjectNode obj, String field) {
        Optional<String> v = Json.optionalText(obj, field);
        v.ifPresent(s -> checkText(field, s));
        return v;
    }

    String requiredText(ObjectNode obj, String field) {
        String v = text(obj, field).orElseThrow(() ->
                ApiException.badRequest("missing_field", "Field '" + field + "' is required."));
        if (v.isBlank()) {
            throw ApiException.badRequest("missing_field", "Field '" + field + "' must not be empty.");
        }
        return v;
    }

    private void checkText(String field, String s) {
        if (s.length() > config.getMaxTextChars()) {
            throw ApiException.badRequest("invalid_field", "Field '" + field + "' is longer than "
                    + config.getMaxTextChars() + " characters.");
        }
    }

    /** A list of texts; absent or null is empty. Texts are stripped. */
    List<String> texts(ObjectNode obj, String field) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            return new ArrayList<>();
        }
        if (!v.isArray()) {
            throw ApiException.badRequest("invalid_field", "Field '" + field + "' must be a list of texts.");
        }
        if (v.size() > config.getMaxListItems()) {
            throw ApiException.badRequest("invalid_field", "Field '" + field + "' has more than "
                    + config.getMaxListItems() + " items.");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw ApiException.badRequest("invalid_field", "Field '" + field + "' must be a list of texts.");
            }
            checkText(field, item.asText());
            out.add(item.asText().strip());
        }
        return out;
    }

    static Optional<Boolean> bool(ObjectNode obj, String field) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw ApiException.badRequest("invalid_field", "Field '" + field + "' must be true or false.");
        }
        return Optional.of(v.booleanValue());
    }
}
