package io.oktaconnector.okta.internal.secret;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;

import io.oktaconnector.okta.OktaSettings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/** Reading settings JSON the way the host writes it (comments, trailing commas) and finding keys case-insensitively. */
public final class SettingsJson {
    /** Lenient like the host's configuration reader, strict about duplicate keys (an ambiguous credential). */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private SettingsJson() {
    }

    /**
     * Reads a settings file whole, refusing one larger than {@link OktaSettings#MAX_FILE_BYTES} before it can exhaust
     * the heap (a JSON tree takes many times its file's size). Reads at most one byte past the limit, so a device or a
     * pipe that never ends is refused too.
     *
     * @param file a settings file (plain or protected)
     * @param what how messages name it, e.g. {@code "settings file"}
     * @return its bytes
     * @throws ConnectorException INVALID_SETTINGS naming the file and its size when it is too large
     * @throws IOException        when it cannot be read
     */
    public static byte[] readCapped(Path file, String what) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) OktaSettings.MAX_FILE_BYTES + 1);
        }
        if (bytes.length > OktaSettings.MAX_FILE_BYTES) {
            long size = Files.isRegularFile(file) ? Files.size(file) : -1;
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, what + " " + file + " is "
                    + (size < 0 ? "larger than" : String.format(Locale.ROOT, "%.1f MB, more than", size / 1048576.0))
                    + " the " + OktaSettings.MAX_FILE_BYTES / 1048576 + " MB a settings file may hold");
        }
        return bytes;
    }

    /**
     * @param file a settings file
     * @return its root object
     * @throws ConnectorException INVALID_SETTINGS when missing or not a JSON object; IO when unreadable. The message
     *                            gives the line and column only, never the text around them (it may be a secret).
     */
    public static ObjectNode read(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(readCapped(file, "the settings file"));
        } catch (NoSuchFileException e) {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, "the settings file " + file + " does not exist");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, "the settings file " + file
                    + " is not valid JSON" + where);
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.IO, "cannot read the settings file " + file + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, "the settings file " + file
                    + " must hold a JSON object");
        }
        return (ObjectNode) root;
    }

    /**
     * @return the field of that name, exact case first, then ignoring case (the host's configuration keys are
     *         case-insensitive); {@code null} when absent or when {@code node} is not an object
     */
    public static JsonNode field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode exact = node.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** @return the actual name of the field matching {@code name} (see {@link #field}), or {@code null} */
    public static String fieldName(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        if (node.has(name)) {
            return name;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String n = it.next();
            if (n.equalsIgnoreCase(name)) {
                return n;
            }
        }
        return null;
    }
}
