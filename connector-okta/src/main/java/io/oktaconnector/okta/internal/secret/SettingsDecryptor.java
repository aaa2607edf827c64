package io.oktaconnector.okta.internal.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Opens the protected values of one settings file with the key store named in its {@code EncryptionCertificate}
 * section:
 * <pre>{@code
 * "EncryptionCertificate": {
 *     "File": "okta-settings.p12",           // PKCS#12 key store; relative to the settings file's folder
 *     "Password": "${env:OKTA_SETTINGS_P12}", // a secret reference (a literal works, but defeats the purpose)
 *     "Alias": "okta-settings"                // optional: the one entry to use; default every RSA key entry
 * }
 * }</pre>
 * The key store is opened lazily, on the first protected value, so settings without protected values need no
 * section. Not thread-safe: one instance serves one load.
 */
public final class SettingsDecryptor {
    /** Name of the plain file's section that names the key store. */
    public static final String SECTION = "EncryptionCertificate";

    private final ObjectNode plainRoot;
    private final Path baseDirectory;
    private final SecretReferences references;
    private KeyRing keys;

    /**
     * @param plainRoot     the plain settings file's root object (where the section is looked up)
     * @param baseDirectory the settings file's folder (anchors a relative {@code File})
     * @param references    resolves the {@code Password} reference
     */
    public SettingsDecryptor(ObjectNode plainRoot, Path baseDirectory, SecretReferences references) {
        this.plainRoot = Objects.requireNonNull(plainRoot, "plainRoot == null");
        this.baseDirectory = Objects.requireNonNull(baseDirectory, "baseDirectory == null");
        this.references = Objects.requireNonNull(references, "references == null");
    }

    /**
     * @param keyPath the value's key path, e.g. {@code Connections.Okta.ApiKey}
     * @param value   a protected value ({@code enc:…})
     * @return its clear text
     * @throws ConnectorException INVALID_SETTINGS naming the key, or the section's key when it is missing or wrong
     */
    public String open(String keyPath, String value) {
        return ProtectedValues.open(keyPath, value, keys(keyPath));
    }

    /**
     * @return the key ring of the section, opened on first use
     * @throws ConnectorException INVALID_SETTINGS when the section is missing or wrong
     */
    public KeyRing keys(String neededFor) {
        if (keys == null) {
            keys = load(neededFor);
        }
        return keys;
    }

    private KeyRing load(String neededFor) {
        JsonNode section = SettingsJson.field(plainRoot, SECTION);
        if (section == null || !section.isObject()) {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, SECTION + ": missing; " + neededFor
                    + " holds a protected value, and the settings file must name the key store that opens it");
        }
        String file = text(section, "File");
        if (file == null || file.isBlank()) {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, SECTION + ".File: missing (the PKCS#12 key "
                    + "store that opens the protected settings)");
        }
        String password = text(section, "Password");
        String resolved = password == null ? "" : references.resolve(SECTION + ".Password", password);
        String alias = text(section, "Alias");
        char[] chars = resolved.toCharArray();
        try {
            return KeyRing.load(baseDirectory.resolve(references.resolve(SECTION + ".File", file).strip()), chars, alias);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private static String text(JsonNode section, String name) {
        JsonNode node = SettingsJson.field(section, name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, SECTION + "." + name + ": must be a string");
        }
        return node.asText();
    }
}
