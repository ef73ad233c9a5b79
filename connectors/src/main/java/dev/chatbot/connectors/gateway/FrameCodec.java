package dev.chatbot.connectors.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads client frames with strict validation and writes server frames. Unknown extra fields in a client frame
 * are ignored (newer widgets may send more); an unknown {@code type}, a missing or mistyped field, empty text or
 * text over the limit is refused with a specific error code.
 */
public final class FrameCodec {

    public static final String MALFORMED_JSON = "malformed_json";
    public static final String UNKNOWN_TYPE = "unknown_type";
    public static final String INVALID_FIELD = "invalid_field";
    public static final String EMPTY_TEXT = "empty_text";
    public static final String TEXT_TOO_LONG = "text_too_long";

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,64}");
    private static final int MAX_COMMENT = 1000;

    private final ObjectMapper json;
    private final int maxTextLength;

    public FrameCodec(int maxTextLength) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build())
                .build();
        this.json = new ObjectMapper(factory)
                .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
        this.maxTextLength = maxTextLength;
    }

    public ClientFrame parse(String raw) throws FrameException {
        JsonNode node;
        try {
            node = json.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new FrameException(MALFORMED_JSON, "The frame is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw new FrameException(MALFORMED_JSON, "A frame must be one JSON object.");
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isTextual()) {
            throw new FrameException(INVALID_FIELD, "Field 'type' is required and must be a string.");
        }
        return switch (type.asText()) {
            case "message" -> message(node);
            case "resume" -> resume(node);
            case "typing" -> new ClientFrame.Typing();
            case "rating" -> rating(node);
            default -> throw new FrameException(UNKNOWN_TYPE,
                    "Unknown frame type; expected message, resume, typing or rating.");
        };
    }

    private ClientFrame message(JsonNode node) throws FrameException {
        String clientId = requiredText(node, "clientId");
        if (!CLIENT_ID.matcher(clientId).matches()) {
            throw new FrameException(INVALID_FIELD,
                    "Field 'clientId' must be 1-64 characters of letters, digits and . _ : -");
        }
        String text = TextSanitizer.clean(requiredText(node, "text"));
        if (text.isBlank()) {
            throw new FrameException(EMPTY_TEXT, "The message is empty.");
        }
        if (text.codePointCount(0, text.length()) > maxTextLength) {
            throw new FrameException(TEXT_TOO_LONG,
                    "The message is longer than " + maxTextLength + " characters; please shorten it.");
        }
        return new ClientFrame.SendMessage(clientId, text.strip());
    }

    private static ClientFrame resume(JsonNode node) throws FrameException {
        JsonNode after = node.get("afterSeq");
        if (after == null || !after.isIntegralNumber() || !after.canConvertToLong()) {
            throw new FrameException(INVALID_FIELD, "Field 'afterSeq' is required and must be a whole number.");
        }
        if (after.asLong() < 0) {
            throw new FrameException(SocketErrors.INVALID_RESUME, "Field 'afterSeq' must not be negative.");
        }
        return new ClientFrame.Resume(after.asLong());
    }

    private static ClientFrame rating(JsonNode node) throws FrameException {
        JsonNode score = node.get("score");
        if (score == null || !score.isIntegralNumber() || score.asInt() < 1 || score.asInt() > 5) {
            throw new FrameException(INVALID_FIELD, "Field 'score' must be a whole number from 1 to 5.");
        }
        JsonNode comment = node.get("comment");
        if (comment != null && !comment.isNull() && !comment.isTextual()) {
            throw new FrameException(INVALID_FIELD, "Field 'comment' must be a string.");
        }
        Optional<String> text = Optional.ofNullable(comment).filter(JsonNode::isTextual).map(JsonNode::asText)
                .map(TextSanitizer::clean).map(String::strip).filter(s -> !s.isEmpty());
        if (text.isPresent() && text.get().length() > MAX_COMMENT) {
            throw new FrameException(TEXT_TOO_LONG, "The comment is longer than " + MAX_COMMENT + " characters.");
        }
        return new ClientFrame.Rating(score.asInt(), text);
    }

    private static String requiredText(JsonNode node, String field) throws FrameException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new FrameException(INVALID_FIELD, "Field '" + field + "' is required and must be a string.");
        }
        return value.asText();
    }

    public String write(ServerFrame frame) {
        try {
            return json.writeValueAsString(toJson(frame));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write frame " + frame.type(), e);
        }
    }

    /** The frame as a JSON object whose first field is {@code type}. */
    public ObjectNode toJson(ServerFrame frame) {
        JsonNode fields = json.valueToTree(frame);
        ObjectNode out = json.createObjectNode().put("type", frame.type());
        fields.properties().forEach(e -> {
            if (!e.getKey().equals("type")) {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }
}
