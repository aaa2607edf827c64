package io.oktaconnector.okta.internal.export;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Objects;

/**
 * A dotted path into Okta's JSON ({@code profile.city}, {@code type.id}), resolved field by field: the exact name
 * first, then ignoring case (the seed writes {@code lastMemberShipUpdated} for {@code lastMembershipUpdated}).
 * Immutable and thread-safe.
 */
public final class JsonPath {

    private final String text;
    private final String[] segments;

    private JsonPath(String text) {
        this.text = text;
        this.segments = text.split("\\.", -1);
    }

    /** @param path a dotted path, never {@code null} @return the compiled path */
    public static JsonPath of(String path) {
        return new JsonPath(Objects.requireNonNull(path, "path == null"));
    }

    /**
     * @param root an object
     * @return the node at this path, or {@code null} when any step is missing
     */
    public JsonNode resolve(JsonNode root) {
        JsonNode n = root;
        for (String s : segments) {
            if (n == null || !n.isObject()) {
                return null;
            }
            JsonNode next = n.get(s);
            if (next == null) {
                for (Map.Entry<String, JsonNode> e : n.properties()) {
                    if (e.getKey().equalsIgnoreCase(s)) {
                        next = e.getValue();
                        break;
                    }
                }
            }
            n = next;
        }
        return n;
    }

    /**
     * The field value of this path in {@code root}, by the contract's value rules.
     *
     * @param root an object
     * @return the value: missing, null and "" give ""; strings verbatim; numbers and booleans as JSON text; arrays and
     *         objects as compact JSON
     */
    public String value(JsonNode root) {
        return render(resolve(root));
    }

    /**
     * @param n a node, may be {@code null}
     * @return its field text by the contract's value rules
     */
    public static String render(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "";
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isContainerNode()) {
            return n.toString(); // compact JSON
        }
        return n.asText(); // numbers as written (BigDecimal kept exact), booleans as true/false
    }

    @Override
    public String toString() {
        return text;
    }
}
