package io.oktaconnector.okta.internal.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one place where a connection's settings section meets its protected values:
 * <ol>
 *   <li>the plain settings file's {@code Connections.<id>} object;</li>
 *   <li>overridden key by key (case-insensitively, objects merged recursively) by the same section of the encrypted
 *       file beside it ({@link #encryptedFileFor(Path)}), when that file exists;</li>
 *   <li>every protected value ({@code enc:…}, in either file) opened with the {@code EncryptionCertificate} key store
 *       and {@linkplain SecretReferences#escape escaped}, so that resolving references afterwards (lazily, key by key,
 *       by the settings reader) leaves an opened value literal.</li>
 * </ol>
 * Only the requested connection is opened: another connection's values do not matter.
 */
public final class SecureSettingsReader {
    /** The file name of the protected settings beside {@code appsettings.agent.json}. */
    public static final String ENCRYPTED_FILE_NAME = "appsettings.encrypted.agent.json";
    /** The top-level section holding the connections. */
    public static final String CONNECTIONS = "Connections";

    private final SettingsDecryptor decryptor;
    private final Set<String> opened;

    private SecureSettingsReader(SettingsDecryptor decryptor, Set<String> opened) {
        this.decryptor = decryptor;
        this.opened = opened;
    }

    /**
     * @param plainRoot    the plain settings file's root object, already parsed
     * @param settingsFile the plain settings file (locates the encrypted file and anchors relative paths)
     * @param connectionId the connection identifier (matched exactly first, then ignoring case)
     * @param references   resolves the {@code EncryptionCertificate.Password} reference
     * @return a new tree of the connection's merged settings with protected values opened (secret references left
     *         for the caller to resolve), or {@code null} when neither file has the connection
     * @throws io.oktaconnector.api.ConnectorException INVALID_SETTINGS naming the key when a value cannot be opened
     */
    public static JsonNode openConnection(ObjectNode plainRoot, Path settingsFile, String connectionId,
                                          SecretReferences references) {
        return openConnection(plainRoot, settingsFile, connectionId, references, new HashSet<>());
    }

    /**
     * Like {@link #openConnection(ObjectNode, Path, String, SecretReferences)}, telling which values were protected.
     *
     * @param opened receives the key path of every protected value opened, lower-case
     *               ({@code connections.<id>.apikey}), so that messages never quote them
     */
    public static JsonNode openConnection(ObjectNode plainRoot, Path settingsFile, String connectionId,
                                          SecretReferences references, Set<String> opened) {
        Objects.requireNonNull(connectionId, "connectionId == null");
        Path encryptedFile = encryptedFileFor(settingsFile);
        ObjectNode encryptedRoot = Files.isRegularFile(encryptedFile) ? SettingsJson.read(encryptedFile) : null;

        JsonNode plainConnections = SettingsJson.field(plainRoot, CONNECTIONS);
        JsonNode encryptedConnections = SettingsJson.field(encryptedRoot, CONNECTIONS);
        String plainId = SettingsJson.fieldName(plainConnections, connectionId);
        String encryptedId = SettingsJson.fieldName(encryptedConnections, connectionId);
        JsonNode plain = plainId == null ? null : plainConnections.get(plainId);
        JsonNode encrypted = encryptedId == null ? null : encryptedConnections.get(encryptedId);
        if (plain == null && encrypted == null) {
            return null;
        }
        Path folder = settingsFile.toAbsolutePath().getParent();
        SecureSettingsReader reader = new SecureSettingsReader(new SettingsDecryptor(plainRoot, folder, references),
                opened);
        return reader.merge(plain, CONNECTIONS + "." + plainId, encrypted, CONNECTIONS + "." + encryptedId);
    }

    /**
     * {@link #openConnection} followed by resolving every secret reference in the tree: the whole connection in
     * clear, for callers that want every value at once.
     *
     * @return the connection's settings, or {@code null} when neither file has it
     */
    public static JsonNode readConnection(Path settingsFile, String connectionId, SecretReferences references) {
        JsonNode opened = openConnection(SettingsJson.read(settingsFile), settingsFile, connectionId, references);
        return opened == null ? null : resolveAll(opened, CONNECTIONS + "." + connectionId, references);
    }

    /**
     * @return a copy of {@code node} with every string resolved by {@link SecretReferences#resolve(String, String)}
     */
    public static JsonNode resolveAll(JsonNode node, String path, SecretReferences references) {
        if (node.isTextual()) {
            return TextNode.valueOf(references.resolve(path, node.textValue()));
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> out.set(e.getKey(),
                    resolveAll(e.getValue(), path + "." + e.getKey(), references)));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                out.add(resolveAll(node.get(i), path + "[" + i + "]", references));
            }
            return out;
        }
        return node.deepCopy();
    }

    /**
     * @param settingsFile the plain settings file
     * @return the protected file beside it: {@code X.agent.json} → {@code X.encrypted.agent.json}, other
     *         {@code X.json} → {@code X.encrypted.json}
     */
    public static Path encryptedFileFor(Path settingsFile) {
        Path absolute = settingsFile.toAbsolutePath();
        String name = absolute.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        String encrypted;
        if (lower.endsWith(".agent.json")) {
            encrypted = name.substring(0, name.length() - ".agent.json".length()) + ".encrypted.agent.json";
        } else if (lower.endsWith(".json")) {
            encrypted = name.substring(0, name.length() - ".json".length()) + ".encrypted.json";
        } else {
            encrypted = name + ".encrypted";
        }
        return absolute.resolveSibling(encrypted);
    }

    private JsonNode merge(JsonNode plain, String plainPath, JsonNode encrypted, String encryptedPath) {
        if (encrypted == null) {
            return open(plain, plainPath);
        }
        if (plain == null || !plain.isObject() || !encrypted.isObject()) {
            return open(encrypted, encryptedPath);
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        Set<String> used = new HashSet<>();
        for (Map.Entry<String, JsonNode> e : plain.properties()) {
            String encName = SettingsJson.fieldName(encrypted, e.getKey());
            if (encName != null) {
                used.add(encName);
            }
            out.set(e.getKey(), merge(e.getValue(), plainPath + "." + e.getKey(),
                    encName == null ? null : encrypted.get(encName), encryptedPath + "." + encName));
        }
        for (Map.Entry<String, JsonNode> e : encrypted.properties()) {
            if (!used.contains(e.getKey())) {
                out.set(e.getKey(), open(e.getValue(), encryptedPath + "." + e.getKey()));
            }
        }
        return out;
    }

    /** A copy of the node with protected values opened (and escaped). */
    private JsonNode open(JsonNode node, String path) {
        if (node.isTextual()) {
            String value = node.textValue();
            if (!ProtectedValues.isProtected(value)) {
                return node;
            }
            opened.add(path.toLowerCase(Locale.ROOT));
            return TextNode.valueOf(SecretReferences.escape(decryptor.open(path, value)));
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> out.set(e.getKey(), open(e.getValue(), path + "." + e.getKey())));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                out.add(open(node.get(i), path + "[" + i + "]"));
            }
            return out;
        }
        return node.deepCopy();
    }
}
