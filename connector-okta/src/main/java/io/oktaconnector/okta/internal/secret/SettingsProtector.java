package io.oktaconnector.okta.internal.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.okta.ProtectedSettings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** The work behind {@link ProtectedSettings#protect}. */
public final class SettingsProtector {
    private SettingsProtector() {
    }

    /** See {@link ProtectedSettings#protect(Path, Path)}. */
    public static ProtectedSettings.Result protectWithCertificate(Path plainSettings, Path certificateFile) {
        X509Certificate certificate = readCertificate(certificateFile);
        return protect(plainSettings, SettingsJson.read(plainSettings), certificate, null);
    }

    /** See {@link ProtectedSettings#protect(Path)}. */
    public static ProtectedSettings.Result protectWithKeyStore(Path plainSettings) {
        ObjectNode plainRoot = SettingsJson.read(plainSettings);
        SecretReferences references = SecretReferences.forSettingsFile(plainSettings, List.of());
        KeyRing keys = new SettingsDecryptor(plainRoot, plainSettings.toAbsolutePath().getParent(), references)
                .keys("protect");
        return protect(plainSettings, plainRoot, keys.certificate(), keys);
    }

    private static ProtectedSettings.Result protect(Path plainSettings, ObjectNode plainRoot,
                                                    X509Certificate certificate, KeyRing verifyWith) {
        ProtectedValues.checkUsable(certificate);
        String thumbprint = HexFormat.of().formatHex(ProtectedValues.thumbprint(certificate));
        Path encryptedFile = SecureSettingsReader.encryptedFileFor(plainSettings);
        ObjectNode encryptedRoot = Files.isRegularFile(encryptedFile)
                ? SettingsJson.read(encryptedFile) : JsonNodeFactory.instance.objectNode();

        String connectionsName = SettingsJson.fieldName(plainRoot, SecureSettingsReader.CONNECTIONS);
        List<String> done = new ArrayList<>();
        if (connectionsName != null && plainRoot.get(connectionsName).isObject()) {
            SecureRandom random = new SecureRandom();
            ObjectNode encryptedConnections = child(encryptedRoot, connectionsName);
            String encConnectionsName = SettingsJson.fieldName(encryptedRoot, connectionsName);
            Walk walk = new Walk(certificate, random, verifyWith, done);
            walk.object((ObjectNode) plainRoot.get(connectionsName), encryptedConnections,
                    encConnectionsName, 0);
            if (done.isEmpty() && encryptedConnections.isEmpty()) {
                encryptedRoot.remove(encConnectionsName); // created by child() for nothing
            }
        }
        if (done.isEmpty()) {
            return new ProtectedSettings.Result(encryptedFile, thumbprint, done);
        }
        // Encrypted first: if we die in between, the plain file still holds the (same) clear values.
        write(encryptedFile, encryptedRoot, null);
        write(plainSettings.toAbsolutePath(), plainRoot, plainSettings.toAbsolutePath());
        return new ProtectedSettings.Result(encryptedFile, thumbprint, done);
    }

    /** Walks one connection tree, moving literal credentials from {@code plain} into {@code encrypted}. */
    private record Walk(X509Certificate certificate, SecureRandom random, KeyRing verifyWith, List<String> done) {
        void object(ObjectNode plain, ObjectNode encrypted, String encryptedPath, int depth) {
            List<String> remove = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : plain.properties()) {
                JsonNode value = e.getValue();
                // depth 0: the connection ids; no credential lives directly under Connections
                if (value.isObject()) {
                    String encName = existingName(encrypted, e.getKey());
                    ObjectNode encChild = child(encrypted, encName);
                    object((ObjectNode) value, encChild, encryptedPath + "." + encName, depth + 1);
                    if (encChild.isEmpty()) {
                        encrypted.remove(encName);
                    }
                } else if (depth > 0 && value.isTextual() && SecretKeys.isSecret(e.getKey())
                        && !value.textValue().isBlank()
                        && !SecretReferences.isReference(value.textValue())
                        && !ProtectedValues.isProtected(value.textValue())) {
                    String encName = existingName(encrypted, e.getKey());
                    String path = encryptedPath + "." + encName;
                    // store the literal meaning: an opened value is escaped again before references are resolved
                    String literal = SecretReferences.unescape(value.textValue());
                    String sealed = ProtectedValues.seal(path, literal, certificate, random);
                    if (verifyWith != null && !ProtectedValues.open(path, sealed, verifyWith).equals(literal)) {
                        throw new ConnectorException(ErrorCode.INTERNAL, path + ": the protected value does not open");
                    }
                    encrypted.put(encName, sealed);
                    remove.add(e.getKey());
                    done.add(path);
                }
            }
            remove.forEach(plain::remove);
        }

        private static String existingName(ObjectNode encrypted, String name) {
            String existing = SettingsJson.fieldName(encrypted, name);
            return existing == null ? name : existing;
        }
    }

    private static ObjectNode child(ObjectNode parent, String name) {
        JsonNode existing = parent.get(name);
        if (existing instanceof ObjectNode o) {
            return o;
        }
        if (existing != null) {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, "the encrypted settings file's " + name
                    + " must be a JSON object");
        }
        return parent.putObject(name);
    }

    private static X509Certificate readCertificate(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (NoSuchFileException e) {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, "the certificate file " + file + " does not exist");
        } catch (CertificateException e) {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, "the certificate file " + file
                    + " is not an X.509 certificate (PEM or DER); to protect with a PKCS#12 key store, name it in "
                    + "the EncryptionCertificate section and protect without a certificate file");
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.IO, "cannot read the certificate file " + file + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Atomic replace; keeps {@code permissionsOf}'s POSIX permissions, else the temp file's owner-only ones. */
    private static void write(Path target, ObjectNode root, Path permissionsOf) {
        Path folder = target.getParent();
        Path temp = null;
        try {
            temp = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
            Files.write(temp, SettingsJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            if (permissionsOf != null && Files.exists(permissionsOf)
                    && Files.getFileAttributeView(permissionsOf, PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(permissionsOf));
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.IO, "cannot write " + target + " (" + e.getClass().getSimpleName()
                    + ")", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: the temp file holds no more than the target would have
                }
            }
        }
    }
}
