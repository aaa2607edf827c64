package io.oktaconnector.okta;

import io.oktaconnector.okta.internal.secret.SettingsProtector;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Turns a plain settings file into a protected one: each credential of each connection ({@code ApiKey},
 * {@code PrivateKey}, {@code ClientSecret}, {@code DefaultPassword} and every {@code Password}, at any depth, ignoring
 * case) moves, encrypted, into {@code appsettings.encrypted.agent.json} beside it; every other key stays readable in
 * the plain file.
 *
 * <p>What is protected and what is not:
 * <ul>
 *   <li>A literal credential is encrypted for the certificate (a fresh AES-256-GCM key per value, wrapped with the
 *       certificate's RSA key by RSA-OAEP with SHA-256) and written to the same key path of the encrypted file,
 *       replacing a value already there; it is removed from the plain file.</li>
 *   <li>A secret reference ({@code ${env:…}}, {@code ${file:…}}, {@code ${vault:…}}) is not a secret itself and
 *       stays where it is. A key file named by {@code PrivateKeyPath} stays a file: to protect the key, put the PEM
 *       into {@code PrivateKey} first.</li>
 *   <li>Values already in the encrypted file are kept; running {@code protect} again only adds what is new.</li>
 * </ul>
 * The encrypted file is written first, then the plain file, each atomically, so a crash leaves either the old plain
 * file (whose values the encrypted file repeats) or both new files. The plain file is rewritten as plain JSON: its
 * comments are dropped and its key order kept. A new encrypted file is readable by its owner only (POSIX).
 *
 * <p>Opening needs the matching private key: the plain file's {@code EncryptionCertificate} section names a PKCS#12
 * key store ({@code File}, relative to the settings file's folder; {@code Password}, best a secret reference such as
 * {@code ${env:OKTA_SETTINGS_P12_PASSWORD}}; optional {@code Alias}). Protecting needs only the certificate.
 *
 * <p>Not thread-safe against concurrent writers of the same files. Nothing secret is logged or put into a message.
 *
 * @since 0.1
 */
public final class ProtectedSettings {
    private ProtectedSettings() {
    }

    /**
     * Protects with an X.509 certificate file (PEM or DER): only the public key is needed, so this runs on a machine
     * that never holds the private key.
     *
     * @param plainSettings the plain settings file ({@code appsettings.agent.json}), rewritten without its credentials
     * @param certificate   the certificate (RSA, at least 2048 bits, key encipherment allowed if its key usage is set)
     * @return what was written
     * @throws io.oktaconnector.api.ConnectorException INVALID_SETTINGS when a file is malformed or the certificate
     *                                                 unusable, IO when a file cannot be written
     */
    public static Result protect(Path plainSettings, Path certificate) {
        Objects.requireNonNull(plainSettings, "plainSettings == null");
        Objects.requireNonNull(certificate, "certificate == null");
        return SettingsProtector.protectWithCertificate(plainSettings, certificate);
    }

    /**
     * Protects with the certificate of the key store named in the plain file's {@code EncryptionCertificate} section
     * (the newest, when it holds several), and checks that each new value opens again.
     *
     * @param plainSettings the plain settings file, rewritten without its credentials
     * @return what was written
     * @throws io.oktaconnector.api.ConnectorException INVALID_SETTINGS when the section is missing or wrong
     */
    public static Result protect(Path plainSettings) {
        Objects.requireNonNull(plainSettings, "plainSettings == null");
        return SettingsProtector.protectWithKeyStore(plainSettings);
    }

    /**
     * @param plainSettings a plain settings file
     * @return the protected file that goes with it: {@code X.agent.json} gives {@code X.encrypted.agent.json}
     *         ({@code appsettings.encrypted.agent.json} for the usual name), any other {@code X.json} gives
     *         {@code X.encrypted.json}
     */
    public static Path encryptedFileFor(Path plainSettings) {
        return io.oktaconnector.okta.internal.secret.SecureSettingsReader.encryptedFileFor(plainSettings);
    }

    /**
     * What {@code protect} did.
     *
     * @param encryptedFile the protected file (written only when {@code protectedKeys} is not empty)
     * @param thumbprint    the SHA-256 thumbprint (lower-case hex) of the certificate used
     * @param protectedKeys the key paths newly protected, e.g. {@code Connections.Okta.ApiKey}; empty when the plain
     *                      file held no literal credential (then no file was changed)
     */
    public record Result(Path encryptedFile, String thumbprint, List<String> protectedKeys) {
        /**
         * Checks the components (see the type's description).
         *
         * @param encryptedFile the protected file (written only when {@code protectedKeys} is not empty)
         * @param thumbprint    the SHA-256 thumbprint (lower-case hex) of the certificate used
         * @param protectedKeys the key paths newly protected, e.g. {@code Connections.Okta.ApiKey}; empty when the
         *                      plain file held no literal credential (then no file was changed)
         */
        public Result {
            Objects.requireNonNull(encryptedFile, "encryptedFile == null");
            Objects.requireNonNull(thumbprint, "thumbprint == null");
            protectedKeys = List.copyOf(protectedKeys);
        }
    }
}
