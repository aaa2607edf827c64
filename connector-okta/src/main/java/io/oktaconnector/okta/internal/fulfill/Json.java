package io.oktaconnector.okta.internal.fulfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.oktaconnector.api.AttributeValue;
import io.oktaconnector.okta.internal.http.OktaHttp;

import java.math.BigDecimal;

/** Small JSON helpers shared by the planner and the executor. */
final class Json {
    private Json() {
    }

    static ObjectNode object() {
        return JsonBody.MAPPER.createObjectNode();
    }

    /**
     * @param value an order's value
     * @return the JSON Okta expects for it (integral numbers without a fraction)
     */
    static JsonNode of(AttributeValue value) {
        // Java 17: no pattern matching for switch yet, so an instanceof chain over the sealed cases
        if (value instanceof AttributeValue.Text t) {
            return TextNode.valueOf(t.value());
        }
        if (value instanceof AttributeValue.Num n) {
            return number(n.value());
        }
        if (value instanceof AttributeValue.Bool b) {
            return BooleanNode.valueOf(b.value());
        }
        if (value instanceof AttributeValue.Multi m) {
            ArrayNode array = JsonBody.MAPPER.createArrayNode();
            m.values().forEach(v -> array.add(of(v)));
            return array;
        }
        return NullNode.getInstance();
    }

    private static JsonNode number(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            try {
                return LongNode.valueOf(stripped.longValueExact());
            } catch (ArithmeticException tooBig) {
                return BigIntegerNode.valueOf(stripped.toBigIntegerExact());
            }
        }
        return DecimalNode.valueOf(value);
    }

    /**
     * Sets a dotted path in an object, creating the intermediate objects.
     *
     * @param root  the object
     * @param path  e.g. {@code settings.app.url}
     * @param value the value
     */
    static void setPath(ObjectNode root, String path, JsonNode value) {
        String[] segments = path.split("\\.");
        ObjectNode at = root;
        for (int i = 0; i < segments.length - 1; i++) {
            JsonNode next = at.get(segments[i]);
            if (next == null || !next.isObject()) {
                next = at.putObject(segments[i]);
            }
            at = (ObjectNode) next;
        }
        at.set(segments[segments.length - 1], value);
    }

    /**
     * Removes a dotted path from an object, if present.
     *
     * @param root the object
     * @param path e.g. {@code settings.app.url}
     */
    static void removePath(ObjectNode root, String path) {
        String[] segments = path.split("\\.");
        JsonNode at = root;
        for (int i = 0; i < segments.length - 1; i++) {
            at = at.get(segments[i]);
            if (at == null || !at.isObject()) {
                return;
            }
        }
        ((ObjectNode) at).remove(segments[segments.length - 1]);
    }

    /** @return the text of a field, or {@code null} when missing, null or not a scalar */
    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    /** @return one path segment, percent-encoded as the request layer does (a login holds {@code @}) */
    static String segment(String value) {
        return OktaHttp.segment(value);
    }
}
