package io.oktaconnector.okta;

import io.oktaconnector.api.Secret;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Extra certificate authorities to trust for TLS with Okta, for networks that inspect TLS with their own CA: the
 * connection's {@code TrustStore} object, {@code { "File": "corp-ca.p12", "Password": "${env:TS_PW}", "Type": "PKCS12" }}.
 * The store's certificates are trusted in addition to the JDK's default CAs; host names are still verified.
 * {@code toString()} hides the password.
 *
 * @param file     the key store file (relative paths are relative to the settings file's folder), never {@code null}
 * @param password its password, or {@code null} for none
 * @param type     {@code PKCS12} (default) or {@code JKS}, never {@code null}
 * @since 0.1
 */
public record TrustStoreSettings(Path file, Secret password, String type) {
    /**
     * Checks the components (see the type's description).
     *
     * @param file     the key store file (relative paths are relative to the settings file's folder), never {@code
     *                 null}
     * @param password its password, or {@code null} for none
     * @param type     {@code PKCS12} (default) or {@code JKS}, never {@code null}
     */
    public TrustStoreSettings {
        Objects.requireNonNull(file, "file == null");
        Objects.requireNonNull(type, "type == null");
    }
}
