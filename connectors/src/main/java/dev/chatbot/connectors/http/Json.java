package dev.chatbot.connectors.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/** Strict reading of JSON request bodies and writing of JSON responses. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Json() {
    }

    /**
     * Parses a body that must be a JSON object with only the given fields. An empty body is an empty object.
     *
     * @throws ApiException 400 for malformed JSON, a non-object, or an unknown field
     */
    public static ObjectNode object(String body, Set<String> allowedFields) {
        if (body == null || body.isBlank()) {
            return MAPPER.createObjectNode();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed_json", "The request body is not valid JSON.");
        }
        if (!(node instanceof ObjectNode obj)) {
            throw ApiException.badRequest("malformed_json", "The request body must be a JSON object.");
        }
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowedFields.contains(field)) {
                throw ApiException.badRequest("unknown_field", "Unknown field '" + field + "'; expected one of "
                        + String.join(", ", allowedFields.stream().sorted().toList()) + ".");
            }
        }
        return obj;
    }

    /** An optional string field; absent or null is empty, anything but a string is refused. */
    public static Optional<String> optionalText(ObjectNode obj, String field) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest("invalid_field", "Field '" + field + "' must be a string.");
        }
        return Optional.of(v.asText());
    }

    /** A required string field. */
    public static String requiredText(ObjectNode obj, String field) {
        return optionalText(obj, field).orElseThrow(() ->
                ApiException.badRequest("missing_field", "Field '" + field + "' is required."));
    }

    public static MutableHttpResponse<String> ok(Object body) {
        return HttpResponse.ok(write(body)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    public static MutableHttpResponse<String> status(io.micronaut.http.HttpStatus status, Object body) {
        return HttpResponse.<String>status(status).body(write(body)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    public static MutableHttpResponse<String> error(ApiException e) {
        ObjectNode body = MAPPER.createObjectNode().put("error", e.code()).put("message", e.getMessage());
        return status(e.status(), body);
    }

    public static String write(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
