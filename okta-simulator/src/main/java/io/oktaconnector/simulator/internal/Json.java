package io.oktaconnector.simulator.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Shared Jackson mapper and small JSON helpers. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    public static final JsonNodeFactory F = JsonNodeFactory.instance;
    // Okta always writes three fraction digits and a literal Z
    private static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Json() {
    }

    public static ObjectNode object() {
        return F.objectNode();
    }

    public static ArrayNode array() {
        return F.arrayNode();
    }

    public static String ts(Instant instant) {
        return TS.format(instant);
    }

    public static Instant parseTs(String s) {
        return Instant.from(TS.parse(s));
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a request body; returns null for a body that is not well-formed JSON. */
    public static JsonNode parseOrNull(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** Dotted path lookup ({@code profile.city}); missing gives null. */
    public static JsonNode path(JsonNode node, String dotted) {
        JsonNode cur = node;
        int start = 0;
        while (cur != null) {
            int dot = dotted.indexOf('.', start);
            String key = dot < 0 ? dotted.substring(start) : dotted.substring(start, dot);
            cur = cur.get(key);
            if (dot < 0) {
                return cur;
            }
            start = dot + 1;
        }
        return null;
    }
}
