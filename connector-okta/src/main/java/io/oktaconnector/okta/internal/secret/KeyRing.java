package io.oktaconnector.okta.internal.secret;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The private keys that open protected values: the RSA key entries of the PKCS#12 key store named in the
 * settings' {@code EncryptionCertificate} section, indexed by their certificate's SHA-256 thumbprint, so that a store
 * holding an old and a new certificate opens values of both (key rotation). Immutable.
 */
public final class KeyRing {
    private final Map<String, PrivateKey> keysByThumbprint;
    private final Map<String, X509Certificate> certificatesByThumbprint;

    private KeyRing(Map<String, PrivateKey> keys, Map<String, X509Certificate> certificates) {
        this.keysByThumbprint = Collections.unmodifiableMap(keys);
        this.certificatesByThumbprint = Collections.unmodifiableMap(certificates);
    }

    /**
     * Opens a PKCS#12 key store.
     *
     * @param file     the key store file
     * @param password its password (also the key entries' password, as PKCS#12 requires)
     * @param alias    the one entry to use, or {@code null} for every RSA key entry
     * @return the key ring, never empty
     * @throws ConnectorException INVALID_SETTINGS naming {@code EncryptionCertificate.File}, {@code .Password} or
     *                            {@code .Alias}
     */
    public static KeyRing load(Path file, char[] password, String alias) {
        Objects.requireNonNull(file, "file == null");
        Objects.requireNonNull(password, "password == null");
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (NoSuchFileException e) {
            throw invalid("EncryptionCertificate.File", "the key store " + file + " does not exist");
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw invalid("EncryptionCertificate.Password", "the key store " + file
                        + " cannot be opened with this password");
            }
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, "EncryptionCertificate.File: the key store "
                    + file + " cannot be read as PKCS#12 (" + e.getClass().getSimpleName() + ")", e);
        } catch (GeneralSecurityException e) {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, "EncryptionCertificate.File: the key store "
                    + file + " cannot be read as PKCS#12 (" + e.getClass().getSimpleName() + ")", e);
        }
        Map<String, PrivateKey> keys = new LinkedHashMap<>();
        Map<String, X509Certificate> certificates = new LinkedHashMap<>();
        try {
            List<String> all = Collections.list(store.aliases());
            List<String> aliases = all;
            if (alias != null && !alias.isBlank()) {
                String wanted = all.stream().filter(a -> a.equalsIgnoreCase(alias.strip())).findFirst()
                        .orElseThrow(() -> invalid("EncryptionCertificate.Alias", "the key store " + file
                                + " has no entry '" + alias.strip() + "' (it has " + all + ")"));
                aliases = List.of(wanted);
            }
            List<String> skipped = new ArrayList<>();
            for (String a : aliases) {
                if (!store.isKeyEntry(a)) {
                    skipped.add(a);
                    continue;
                }
                Key key = store.getKey(a, password);
                Certificate certificate = store.getCertificate(a);
                if (key instanceof PrivateKey privateKey && "RSA".equals(key.getAlgorithm())
                        && certificate instanceof X509Certificate x509) {
                    String thumbprint = HexFormat.of().formatHex(ProtectedValues.thumbprint(x509));
                    keys.put(thumbprint, privateKey);
                    certificates.put(thumbprint, x509);
                } else {
                    skipped.add(a);
                }
            }
            if (keys.isEmpty()) {
                throw invalid(alias == null || alias.isBlank() ? "EncryptionCertificate.File" : "EncryptionCertificate.Alias",
                        "the key store " + file + " holds no RSA private key with its certificate"
                                + (skipped.isEmpty() ? "" : " (entries without one: " + skipped + ")"));
            }
        } catch (UnrecoverableKeyException e) {
            throw invalid("EncryptionCertificate.Password", "the private key in " + file
                    + " cannot be recovered with this password");
        } catch (GeneralSecurityException e) {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, "EncryptionCertificate.File: cannot read the key "
                    + "store " + file + " (" + e.getClass().getSimpleName() + ")", e);
        }
        return new KeyRing(keys, certificates);
    }

    /** @return the private key whose certificate has this SHA-256 thumbprint, or {@code null} */
    PrivateKey find(byte[] thumbprint) {
        return keysByThumbprint.get(HexFormat.of().formatHex(thumbprint));
    }

    /**
     * @return the certificate to protect new values with: the only one, or with several the one valid the latest
     */
    public X509Certificate certificate() {
        return certificatesByThumbprint.values().stream()
                .max(java.util.Comparator.comparing(X509Certificate::getNotAfter))
                .orElseThrow();
    }

    /** @return a description of the thumbprints held, for messages */
    String describe() {
        return (keysByThumbprint.size() == 1 ? "the certificate of thumbprint " : "the certificates of thumbprints ")
                + String.join(", ", keysByThumbprint.keySet());
    }

    private static ConnectorException invalid(String key, String message) {
        return new ConnectorException(ErrorCode.INVALID_SETTINGS, key + ": " + message);
    }
}
