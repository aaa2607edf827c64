package io.oktaconnector.okta.internal.fulfill;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import io.oktaconnector.api.AttributeValue;
import io.oktaconnector.api.ChangeType;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.LinkChange;
import io.oktaconnector.api.OrderChange;
import io.oktaconnector.api.ProvisioningOrder;
import io.oktaconnector.okta.ProvisioningOrders;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the host's orders JSON. Streams the outer object so each order's line number is known for messages, and
 * turns each element into an {@link ProvisioningOrders.Accepted} or a {@link ProvisioningOrders.Rejected} entry:
 * one malformed order never fails the file.
 */
public final class OrdersParser {
    static final String LIST = "ProvisioningOrdersList";

    private OrdersParser() {
    }

    /**
     * The largest order (its JSON) a streamed file may hold, 512 KB (some 22,000 link ids). Planning and running an
     * order holds some thirty times its JSON in memory (each link is a lane, a planned call, a tally entry): a larger
     * one could exhaust a 64 MB heap on its own, so it is a malformed order (one {@code Errored} result), never built.
     */
    public static final long MAX_ORDER_BYTES = 1L << 19;

    /**
     * What the check pass learns of an orders file.
     *
     * @param count     how many orders it holds, malformed ones included
     * @param oversized the indices of the orders larger than {@link #MAX_ORDER_BYTES}
     */
    public record Scan(int count, BitSet oversized) {
        public Scan {
            oversized = (BitSet) oversized.clone();
        }

        @Override
        public BitSet oversized() {
            return (BitSet) oversized.clone();
        }
    }

    /** Receives the orders of a streamed file one at a time. */
    @FunctionalInterface
    public interface Sink {
        /**
         * @param entry the order, or why it is malformed
         * @param bytes how many bytes of the input it took
         */
        void accept(ProvisioningOrders.Entry entry, long bytes);
    }

    /**
     * @param in      the JSON bytes (UTF-8, BOM allowed)
     * @param source  the file name for messages
     * @param mapping the entity mapping
     * @return the entries in file order
     * @throws ConnectorException INVALID_ORDER when the input is not JSON or lacks the list
     * @throws IOException        when reading fails
     */
    public static List<ProvisioningOrders.Entry> parse(InputStream in, String source, EntityMapping mapping)
            throws IOException {
        List<ProvisioningOrders.Entry> entries = new ArrayList<>();
        parse(in, source, mapping, new BitSet(), (entry, bytes) -> entries.add(entry));
        return entries;
    }

    /**
     * Streams the orders: one order at a time is held in memory, however large the input.
     *
     * @param in        the JSON bytes (UTF-8, BOM allowed)
     * @param source    the file name for messages
     * @param mapping   the entity mapping
     * @param oversized the orders {@link #scan} found too large: each becomes a malformed entry without being built
     * @param sink      receives each entry in file order, as soon as it is read; what it throws ends the parse
     * @return how many entries the input holds
     * @throws ConnectorException INVALID_ORDER when the input is not JSON or lacks the list (entries before the
     *                            fault have been given to {@code sink})
     * @throws IOException        when reading fails
     */
    public static int parse(InputStream in, String source, EntityMapping mapping, BitSet oversized, Sink sink)
            throws IOException {
        EntityResolver resolver = new EntityResolver(mapping);
        try (JsonParser p = JsonBody.MAPPER.getFactory().createParser(in)) {
            return walk(p, source, (index, line) -> {
                long start = offset(p.currentTokenLocation());
                ProvisioningOrders.Entry entry = oversized.get(index) ? tooLarge(p, index, line, start)
                        : entry(p.readValueAsTree(), index, line, resolver);
                sink.accept(entry, offset(p.currentLocation()) - start);
            });
        }
    }

    /**
     * Checks the input's structure, counts its orders and measures each, without building any of them (memory does
     * not grow with the input). An input that passes may still hold malformed orders: those are entries, not faults.
     *
     * @param in     the JSON bytes (UTF-8, BOM allowed)
     * @param source the file name for messages
     * @return the count, and the orders larger than {@link #MAX_ORDER_BYTES}
     * @throws ConnectorException INVALID_ORDER when the input is not JSON or lacks the list
     * @throws IOException        when reading fails
     */
    public static Scan scan(InputStream in, String source) throws IOException {
        BitSet oversized = new BitSet();
        try (JsonParser p = JsonBody.MAPPER.getFactory().createParser(in)) {
            int count = walk(p, source, (index, line) -> {
                long start = offset(p.currentTokenLocation());
                p.skipChildren();
                if (offset(p.currentLocation()) - start > MAX_ORDER_BYTES) {
                    oversized.set(index);
                }
            });
            return new Scan(count, oversized);
        }
    }

    /** An order too large to build: only the fields that name it in its result are read, the rest is skipped. */
    private static ProvisioningOrders.Entry tooLarge(JsonParser p, int index, int line, long start)
            throws IOException {
        String id = null;
        String type = null;
        String resourceId = null;
        if (p.currentToken() == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value.isScalarValue() && name.equalsIgnoreCase("AssignedResourceTypeId")) {
                    id = text(p);
                } else if (value.isScalarValue() && name.equalsIgnoreCase("ChangeType")) {
                    type = text(p);
                } else if (value == JsonToken.START_OBJECT && name.equalsIgnoreCase("Resource")) {
                    resourceId = idOf(p);
                } else {
                    p.skipChildren();
                }
            }
        } else {
            p.skipChildren();
        }
        ChangeType changeType = null;
        for (ChangeType t : ChangeType.values()) {
            changeType = type != null && t.name().equalsIgnoreCase(type.trim()) ? t : changeType;
        }
        long kb = (offset(p.currentLocation()) - start + 1023) / 1024;
        return new ProvisioningOrders.Rejected(index, id == null ? "" : id, changeType,
                resourceId == null || resourceId.isBlank() ? null : resourceId,
                String.format(Locale.ROOT, "malformed order #%d%s%s: is %,d KB, more than the %d KB an order may "
                                + "hold; split its changes over several orders", index + 1,
                        line > 0 ? " (line " + line + ")" : "", id == null || id.isBlank() ? "" : " " + id, kb,
                        MAX_ORDER_BYTES >> 10));
    }

    private static String idOf(JsonParser p) throws IOException {
        String id = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (value.isScalarValue() && name.equalsIgnoreCase("id")) {
                id = text(p);
            } else {
                p.skipChildren();
            }
        }
        return id;
    }

    private static String text(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        return t.isNumeric() ? p.getDecimalValue().toPlainString() : p.getText().trim();
    }

    private static long offset(JsonLocation location) {
        // bytes for a stream, characters for a string
        return location.getByteOffset() >= 0 ? location.getByteOffset() : location.getCharOffset();
    }

    /**
     * @param json    the JSON text
     * @param source  the name for messages
     * @param mapping the entity mapping
     * @return the entries in file order
     */
    public static List<ProvisioningOrders.Entry> parse(String json, String source, EntityMapping mapping) {
        List<ProvisioningOrders.Entry> entries = new ArrayList<>();
        EntityResolver resolver = new EntityResolver(mapping);
        try (JsonParser p = JsonBody.MAPPER.getFactory().createParser(json)) {
            walk(p, source, (index, line) -> entries.add(entry(p.readValueAsTree(), index, line, resolver)));
            return entries;
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.IO, "cannot read orders from " + source + ": " + e.getMessage(), e);
        }
    }

    /** Reads one element of the list; the parser stands on its first token and must be left on its last. */
    @FunctionalInterface
    private interface Element {
        void read(int index, int line) throws IOException;
    }

    private static int walk(JsonParser p, String source, Element element) throws IOException {
        int count = -1;
        try {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw invalid(source, 1, "is empty; expected {\"" + LIST + "\": [...]}");
            }
            if (first != JsonToken.START_OBJECT) {
                throw invalid(source, line(p.currentLocation()),
                        "is not a JSON object with a " + LIST + " array (it starts with " + first.asString() + ")");
            }
            int rootLine = line(p.currentLocation());
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!LIST.equalsIgnoreCase(name)) {
                    p.skipChildren();
                    continue;
                }
                if (count >= 0) {
                    throw invalid(source, line(p.currentLocation()), "has " + LIST + " twice");
                }
                if (value != JsonToken.START_ARRAY) {
                    throw invalid(source, line(p.currentLocation()), "has a " + LIST + " that is not an array");
                }
                count = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    element.read(count, line(p.currentLocation()));
                    count++;
                }
            }
            if (p.nextToken() != null) {
                throw invalid(source, line(p.currentLocation()), "has content after the end of its JSON object");
            }
            if (count < 0) {
                throw invalid(source, rootLine, "has no " + LIST + " array");
            }
            return count;
        } catch (JsonProcessingException e) {
            // Jackson's own message quotes the offending token, which may be an unquoted password: say only where
            throw invalid(source, line(e.getLocation()), "is not valid JSON (" + problem(e) + ")"
                    + column(e.getLocation()));
        }
    }

    private static String problem(JsonProcessingException e) {
        return e instanceof JsonEOFException ? "unexpected end of input" : "unexpected token";
    }

    private static String column(JsonLocation location) {
        return location == null || location.getColumnNr() <= 0 ? "" : " at column " + location.getColumnNr();
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : location.getLineNr();
    }

    private static ConnectorException invalid(String source, int line, String what) {
        return new ConnectorException(ErrorCode.INVALID_ORDER, "the orders file " + source + " " + what
                + (line > 0 ? " (line " + line + ")" : ""));
    }

    /** A malformed order: the message is built once the parts that could be read are known. */
    private static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    static ProvisioningOrders.Entry entry(JsonNode node, int index, int line, EntityResolver resolver) {
        String where = "order #" + (index + 1) + (line > 0 ? " (line " + line + ")" : "");
        if (!node.isObject()) {
            return new ProvisioningOrders.Rejected(index, "", null, null,
                    where + " is not a JSON object but " + describe(node));
        }
        String assignmentId = scalar(field(node, "AssignedResourceTypeId"));
        ChangeType changeType = null;
        String resourceId = scalar(field(node, "Resource", "id"));
        try {
            if (assignmentId == null || assignmentId.isBlank()) {
                throw new Malformed("has no AssignedResourceTypeId");
            }
            where = where + " " + assignmentId;
            changeType = changeType(field(node, "ChangeType"));
            String entityType = scalar(field(node, "ResourceType", "TargetEntityType", "Identifier"));
            if (entityType == null || entityType.isBlank()) {
                throw new Malformed("has no ResourceType.TargetEntityType.Identifier");
            }
            OktaKind kind = resolver.kindOf(entityType).orElseThrow(() -> new Malformed(
                    "has the unknown entity type \"" + entityType + "\" (expected User, Group, Application or an"
                            + " entity type of the mapping)"));
            if (changeType != ChangeType.Added && (resourceId == null || resourceId.isBlank())) {
                throw new Malformed("is " + changeType + " but has no Resource.id");
            }
            OrderChange change;
            if (changeType == ChangeType.Deleted) {
                change = new OrderChange.Deleted(resourceId);
            } else {
                Map<String, AttributeValue> attributes = new LinkedHashMap<>();
                List<LinkChange> links = new ArrayList<>();
                changes(field(node, "Changes"), kind, entityType, resolver, attributes, links);
                change = changeType == ChangeType.Added
                        ? new OrderChange.Added(attributes, links)
                        : new OrderChange.Modified(resourceId, attributes, links);
            }
            return new ProvisioningOrders.Accepted(index, new ProvisioningOrder(assignmentId, entityType, change));
        } catch (Malformed m) {
            return new ProvisioningOrders.Rejected(index, assignmentId == null ? "" : assignmentId, changeType,
                    resourceId == null || resourceId.isBlank() ? null : resourceId,
                    "malformed " + where + ": " + m.getMessage());
        }
    }

    private static ChangeType changeType(JsonNode node) throws Malformed {
        if (node == null || node.isNull()) {
            throw new Malformed("has no ChangeType");
        }
        if (!node.isTextual()) {
            throw new Malformed("has a ChangeType that is not a string: " + describe(node));
        }
        for (ChangeType t : ChangeType.values()) {
            if (t.name().equalsIgnoreCase(node.asText().trim())) {
                return t;
            }
        }
        throw new Malformed("has the unknown ChangeType \"" + node.asText() + "\" (expected Added, Modified or Deleted)");
    }

    private static void changes(JsonNode changes, OktaKind kind, String entityType, EntityResolver resolver,
                                Map<String, AttributeValue> attributes, List<LinkChange> links) throws Malformed {
        if (changes == null || changes.isNull()) {
            return;
        }
        if (!changes.isObject()) {
            throw new Malformed("has Changes that are not a JSON object but " + describe(changes));
        }
        Iterator<Map.Entry<String, JsonNode>> it = changes.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            Optional<LinkChange.Operation> op = linkOperation(key);
            // a mapping property that merely ends in _add/_remove is an attribute, not a link
            boolean mapped = !resolver.pathOf(entityType, key).equals(key);
            if (op.isPresent() && !mapped) {
                String nav = key.substring(0, key.lastIndexOf('_'));
                String navigation = kind.navigation(nav).orElseThrow(() -> new Malformed(
                        "changes the unknown navigation \"" + nav + "\" (" + key + "); a " + kind.label()
                                + " has " + String.join(", ", kind.navigations())));
                links.add(new LinkChange(navigation, op.get(), ids(key, e.getValue())));
            } else {
                value(key, e.getValue(), attributes);
            }
        }
    }

    private static Optional<LinkChange.Operation> linkOperation(String key) {
        int us = key.lastIndexOf('_');
        if (us <= 0) {
            return Optional.empty();
        }
        String suffix = key.substring(us + 1).toLowerCase(Locale.ROOT);
        return switch (suffix) {
            case "add" -> Optional.of(LinkChange.Operation.ADD);
            case "remove" -> Optional.of(LinkChange.Operation.REMOVE);
            default -> Optional.empty();
        };
    }

    private static List<String> ids(String key, JsonNode value) throws Malformed {
        if (value == null || !value.isArray()) {
            throw new Malformed(key + " must be an array of Okta ids, not " + describe(value));
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : value) {
            if (!id.isTextual() || id.asText().isBlank()) {
                throw new Malformed(key + " must be an array of Okta ids (non-empty strings), but holds " + describe(id));
            }
            if (!ids.contains(id.asText().trim())) {
                ids.add(id.asText().trim());
            }
        }
        return ids;
    }

    private static void value(String key, JsonNode value, Map<String, AttributeValue> attributes) throws Malformed {
        if (value.isObject()) {
            // {"settings": {"app": {"url": …}}} is the same change as "settings.app.url": flatten it
            Iterator<Map.Entry<String, JsonNode>> it = value.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                value(key + "." + e.getKey(), e.getValue(), attributes);
            }
            return;
        }
        if (attributes.put(key, attribute(key, value)) != null) {
            throw new Malformed("changes " + key + " twice");
        }
    }

    private static AttributeValue attribute(String key, JsonNode value) throws Malformed {
        if (value.isNull()) {
            return AttributeValue.NULL;
        }
        if (value.isTextual()) {
            return new AttributeValue.Text(value.asText());
        }
        if (value.isNumber()) {
            return new AttributeValue.Num(value.decimalValue());
        }
        if (value.isBoolean()) {
            return new AttributeValue.Bool(value.asBoolean());
        }
        if (value.isArray()) {
            List<AttributeValue> values = new ArrayList<>();
            for (JsonNode element : value) {
                if (element.isContainerNode()) {
                    throw new Malformed(key + " must hold strings, numbers or booleans, not " + describe(key, element));
                }
                values.add(attribute(key, element));
            }
            return new AttributeValue.Multi(values);
        }
        throw new Malformed(key + " has an unsupported value " + describe(key, value));
    }

    private static JsonNode field(JsonNode node, String... path) {
        JsonNode at = node;
        for (String name : path) {
            if (at == null || !at.isObject()) {
                return null;
            }
            JsonNode next = at.get(name);
            if (next == null) {
                // hosts are consistent, but a hand-written file may differ in case
                Iterator<String> names = at.fieldNames();
                while (names.hasNext() && next == null) {
                    String n = names.next();
                    if (n.equalsIgnoreCase(name)) {
                        next = at.get(n);
                    }
                }
            }
            at = next;
        }
        return at;
    }

    private static String scalar(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        return node.isNumber() ? new BigDecimal(node.asText()).toPlainString() : node.asText().trim();
    }

    private static String describe(String key, JsonNode node) {
        // a malformed password must not end up in the results file
        return JsonBody.isSecretKey(key) ? "a value of the wrong type (" + node.getNodeType().name().toLowerCase(Locale.ROOT) + ")"
                : describe(node);
    }

    private static String describe(JsonNode node) {
        // only the kind of value: its text may be a password or other secret, and the message reaches the
        // results file, the journal and the console
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a value of type " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
