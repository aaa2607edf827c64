package io.oktaconnector.okta.internal.fulfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A JSON request body that may hold secrets (a password, a recovery answer, an app's shared credentials).
 * {@link #toString()} and {@link #masked()} show it with every secret replaced by {@code [hidden]}; only
 * {@link #reveal()} gives the clear body, for the wire. Not a record on purpose: a record's {@code toString} would
 * print the secrets.
 */
public final class JsonBody {
    /** The shared mapper: thread-safe once configured. */
    public static final ObjectMapper MAPPER = new ObjectMapper();
    static final String HIDDEN = "[hidden]";
    // A key is secret when any of its dotted segments looks like a credential; the value below it is masked whole.
    private static final Pattern SECRET_KEY =
            Pattern.compile(".*(password|secret|token|answer|privatekey|private_key|passphrase|apikey|api_key).*");

    private final JsonNode node;

    private JsonBody(JsonNode node) {
        this.node = Objects.requireNonNull(node, "node == null");
    }

    /**
     * @param node the body; the caller must not change it afterwards
     * @return the body
     */
    public static JsonBody of(JsonNode node) {
        return new JsonBody(node);
    }

    /** @return the clear body: hand it to the wire only */
    public JsonNode reveal() {
        return node;
    }

    /** @return the body with secrets masked, as compact JSON */
    public String masked() {
        return mask(node).toString();
    }

    @Override
    public String toString() {
        return masked();
    }

    /** @return every text value under a secret key, in the clear: to register with the run's redactor only */
    public List<String> secretValues() {
        List<String> out = new ArrayList<>();
        collectSecrets(node, false, out);
        return out;
    }

    private static void collectSecrets(JsonNode n, boolean secret, List<String> out) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> collectSecrets(e.getValue(), secret || isSecretKey(e.getKey()), out));
        } else if (n.isArray()) {
            n.forEach(c -> collectSecrets(c, secret, out));
        } else if (secret && n.isTextual()) {
            out.add(n.textValue());
        }
    }

    /**
     * @param key a JSON key or a dotted path
     * @return whether values under it are secrets
     */
    static boolean isSecretKey(String key) {
        for (String segment : key.split("\\.")) {
            if (SECRET_KEY.matcher(segment.toLowerCase(Locale.ROOT)).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param node any JSON
     * @return a copy with every value under a secret key replaced by {@code [hidden]} (nulls stay null)
     */
    static JsonNode mask(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = MAPPER.createObjectNode();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (isSecretKey(e.getKey())) {
                    copy.set(e.getKey(), hideLeaves(e.getValue()));
                } else {
                    copy.set(e.getKey(), mask(e.getValue()));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = MAPPER.createArrayNode();
            node.forEach(n -> copy.add(mask(n)));
            return copy;
        }
        return node;
    }

    private static JsonNode hideLeaves(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = MAPPER.createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), hideLeaves(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = MAPPER.createArrayNode();
            node.forEach(n -> copy.add(hideLeaves(n)));
            return copy;
        }
        return node.isNull() ? node : TextNode.valueOf(HIDDEN);
    }
}
