package dev.chatbot.connectors.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON helpers for tests. */
public final class Frames {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Frames() {
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    public static String message(String clientId, String text) {
        return JSON.createObjectNode().put("type", "message").put("clientId", clientId).put("text", text).toString();
    }

    public static String resume(long afterSeq) {
        return JSON.createObjectNode().put("type", "resume").put("afterSeq", afterSeq).toString();
    }
}
