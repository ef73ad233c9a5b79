package dev.chatbot.connectors.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatbot.core.crm.CrmException;
import dev.chatbot.core.crm.Customer;
import dev.chatbot.core.crm.Order;
import dev.chatbot.core.crm.OrderItem;
import dev.chatbot.core.crm.OrderStatus;
import dev.chatbot.core.crm.RefundRequest;
import dev.chatbot.core.crm.RefundResult;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Strict reading of the HTTP CRM's answers (contracts section 4). Every required field must be there with the
 * right type; a status, date or amount that cannot be read, an order with another id than asked for, or anything
 * that is not one JSON object is a {@link CrmException} of kind {@code BAD_RESPONSE}, never a crash and never a
 * half-filled record. Unknown extra fields are ignored, so a CRM can send more than we need. Error messages name
 * the field, never its value (values may be personal data).
 */
final class HttpCrmJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // keep amounts as sent ("198.00" stays 198.00), like the embedded CRM's DECIMAL(12, 2)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,15}(\\.\\d{1,6})?");
    private static final Set<String> REFUND_STATUSES = Set.of("requested", "approved", "rejected");

    private HttpCrmJson() {
    }

    /** Parses a body that must be exactly one JSON object. */
    static ObjectNode object(byte[] body, String what) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw bad(what + ": the body is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw bad(what + ": the body cannot be read");
        }
        if (!(node instanceof ObjectNode obj)) {
            throw bad(what + ": the body is not a JSON object");
        }
        return obj;
    }

    /** An order; its id must be the one asked for. */
    static Order order(ObjectNode o, String expectedId) {
        String id = text(o, "id");
        if (!id.equals(expectedId)) {
            throw bad("order: the CRM answered with another order than the one asked for");
        }
        JsonNode items = o.get("items");
        if (items == null || !items.isArray()) {
            throw bad("order: field 'items' must be an array");
        }
        List<OrderItem> lines = new ArrayList<>();
        for (JsonNode item : items) {
            if (!(item instanceof ObjectNode line)) {
                throw bad("order: every entry of 'items' must be an object");
            }
            JsonNode quantity = line.get("quantity");
            if (quantity == null || !quantity.isIntegralNumber() || !quantity.canConvertToInt() || quantity.intValue() < 0) {
                throw bad("order item: field 'quantity' must be a whole number of at least 0");
            }
            lines.add(new OrderItem(text(line, "sku"), text(line, "name"), quantity.intValue(), money(line, "price")));
        }
        return new Order(id, text(o, "customerEmail"), status(o), instant(o, "placedAt").orElseThrow(() ->
                bad("order: field 'placedAt' is required")), lines, money(o, "total"), currency(o),
                instant(o, "shippedAt"), optionalText(o, "carrier"), optionalText(o, "trackingNumber"),
                instant(o, "deliveredAt"), date(o, "estimatedDelivery"));
    }

    /** A customer; the e-mail address must be the one asked for (compared without regard to case). */
    static Customer customer(ObjectNode o, String expectedEmail) {
        String email = text(o, "email");
        if (!CrmArguments.emailKey(email).equals(CrmArguments.emailKey(expectedEmail))) {
            throw bad("customer: the CRM answered with another customer than the one asked for");
        }
        JsonNode orders = o.get("orders");
        if (orders == null || !orders.isArray()) {
            throw bad("customer: field 'orders' must be an array of order ids");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : orders) {
            if (!id.isTextual() || id.asText().isBlank()) {
                throw bad("customer: every entry of 'orders' must be an order id");
            }
            ids.add(id.asText());
        }
        JsonNode name = o.get("name");
        if (name == null || !name.isTextual()) {
            throw bad("customer: field 'name' must be a string");
        }
        return new Customer(text(o, "id"), email, name.asText(), ids);
    }

    static RefundResult refund(ObjectNode o) {
        String status = text(o, "status");
        if (!REFUND_STATUSES.contains(status)) {
            throw bad("refund: field 'status' must be requested, approved or rejected");
        }
        return new RefundResult(text(o, "refundId"), status);
    }

    /** The {@code status} field of an order. */
    static OrderStatus status(ObjectNode o) {
        String status = text(o, "status");
        try {
            return OrderStatus.fromWire(status);
        } catch (IllegalArgumentException e) {
            throw bad("order: field 'status' is not one of pending, processing, shipped, delivered, cancelled, "
                    + "returned");
        }
    }

    static byte[] refundRequest(RefundRequest r) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("orderId", r.orderId());
        body.put("amount", r.amount());
        body.put("currency", r.currency());
        body.put("reason", r.reason());
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a refund request", e);
        }
    }

    private static String text(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw bad("field '" + field + "' must be a non-empty string");
        }
        return v.asText();
    }

    private static Optional<String> optionalText(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw bad("field '" + field + "' must be a string");
        }
        return Optional.of(v.asText()).filter(s -> !s.isBlank());
    }

    private static BigDecimal money(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        BigDecimal amount;
        if (v != null && v.isNumber()) {
            amount = v.decimalValue();
        } else if (v != null && v.isTextual() && DECIMAL.matcher(v.asText()).matches()) {
            amount = new BigDecimal(v.asText());
        } else {
            throw bad("field '" + field + "' must be an amount");
        }
        if (amount.signum() < 0) {
            throw bad("field '" + field + "' must not be negative");
        }
        return amount;
    }

    private static String currency(ObjectNode o) {
        String c = text(o, "currency");
        if (!CURRENCY.matcher(c).matches()) {
            throw bad("field 'currency' must be an ISO 4217 code such as EUR");
        }
        return c;
    }

    private static Optional<Instant> instant(ObjectNode o, String field) {
        return optionalText(o, field).map(s -> {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                throw bad("field '" + field + "' must be an ISO-8601 time with an offset, e.g. 2025-05-01T10:00:00Z");
            }
        });
    }

    private static Optional<LocalDate> date(ObjectNode o, String field) {
        return optionalText(o, field).map(s -> {
            try {
                return s.indexOf('T') >= 0 ? OffsetDateTime.parse(s).toLocalDate() : LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                throw bad("field '" + field + "' must be an ISO-8601 date, e.g. 2025-05-01");
            }
        });
    }

    private static CrmException bad(String message) {
        return new CrmException(CrmException.Kind.BAD_RESPONSE, message);
    }
}
