package io.oktaconnector.okta.internal.secret;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The protected-value format of {@code appsettings.encrypted.agent.json}, JDK crypto only.
 *
 * <p>{@code enc:v1:<base64url, no padding>} of:
 * <pre>
 *   32 bytes  SHA-256 thumbprint of the certificate (DER) whose RSA key wraps the content key
 *    2 bytes  n, length of the wrapped key (big endian)
 *    n bytes  a fresh random AES-256 key, wrapped with RSA-OAEP (SHA-256, MGF1 with SHA-256, empty label)
 *   12 bytes  random GCM nonce
 *   rest      AES-256-GCM ciphertext of the UTF-8 value followed by the 16-byte tag
 * </pre>
 * The GCM additional data is {@code "enc:v1:" + keyPath} followed by the thumbprint, so a value copied to another
 * key, or given another thumbprint, fails authentication. The thumbprint is checked first so that a value protected
 * for another certificate gives a clear message rather than a decryption failure.
 */
public final class ProtectedValues {
    /** Prefix of every protected value. */
    public static final String PREFIX = "enc:";
    private static final String V1 = "enc:v1:";
    private static final int THUMBPRINT_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MIN_RSA_BITS = 2048;

    private ProtectedValues() {
    }

    /** @return whether the value is a protected value (of any version) */
    public static boolean isProtected(String value) {
        return value != null && value.strip().startsWith(PREFIX);
    }

    /**
     * Protects one value.
     *
     * @param keyPath     the key path the value is stored under, e.g. {@code Connections.Okta.ApiKey}
     * @param clear       the clear value
     * @param certificate the certificate whose RSA public key wraps the content key
     * @param random      the randomness source
     * @return {@code enc:v1:…}
     * @throws ConnectorException INVALID_SETTINGS when the certificate's key is not RSA of at least 2048 bits or the
     *                            certificate forbids key encipherment
     */
    public static String seal(String keyPath, String clear, X509Certificate certificate, SecureRandom random) {
        checkUsable(certificate);
        byte[] thumbprint = thumbprint(certificate);
        byte[] plain = clear.getBytes(StandardCharsets.UTF_8);
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            SecretKey contentKey = generator.generateKey();

            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
            rsa.init(Cipher.WRAP_MODE, certificate.getPublicKey(), oaep(), random);
            byte[] wrapped = rsa.wrap(contentKey);

            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, contentKey, new GCMParameterSpec(TAG_BITS, iv));
            aes.updateAAD(aad(keyPath, thumbprint));
            byte[] sealed = aes.doFinal(plain);

            ByteBuffer out = ByteBuffer.allocate(THUMBPRINT_BYTES + 2 + wrapped.length + IV_BYTES + sealed.length);
            out.put(thumbprint).putShort((short) wrapped.length).put(wrapped).put(iv).put(sealed);
            return V1 + Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new ConnectorException(ErrorCode.INTERNAL, keyPath + ": cannot protect the value ("
                    + e.getClass().getSimpleName() + ")", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * Opens one protected value.
     *
     * @param keyPath the key path the value was read from (part of the authenticated data)
     * @param value   the {@code enc:…} value
     * @param keys    the private keys available
     * @return the clear value
     * @throws ConnectorException INVALID_SETTINGS naming the key when the value is malformed, of an unknown version,
     *                            protected for another certificate, or changed
     */
    public static String open(String keyPath, String value, KeyRing keys) {
        String v = value.strip();
        if (!v.startsWith(V1)) {
            int end = v.indexOf(':', PREFIX.length());
            String version = end < 0 ? "?" : v.substring(PREFIX.length(), end);
            throw invalid(keyPath, "the protected value has format '" + version
                    + "', which this version cannot open (expected v1)");
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(v.substring(V1.length()));
        } catch (IllegalArgumentException e) {
            throw invalid(keyPath, "the protected value is malformed (not base64url)");
        }
        ByteBuffer in = ByteBuffer.wrap(raw);
        if (in.remaining() < THUMBPRINT_BYTES + 2) {
            throw invalid(keyPath, "the protected value is malformed (too short)");
        }
        byte[] thumbprint = new byte[THUMBPRINT_BYTES];
        in.get(thumbprint);
        int wrappedLength = Short.toUnsignedInt(in.getShort());
        if (in.remaining() < wrappedLength + IV_BYTES + TAG_BITS / 8) {
            throw invalid(keyPath, "the protected value is malformed (too short)");
        }
        PrivateKey key = keys.find(thumbprint);
        if (key == null) {
            throw invalid(keyPath, "the value was protected with the certificate of SHA-256 thumbprint "
                    + HexFormat.of().formatHex(thumbprint) + ", but the EncryptionCertificate key store holds "
                    + keys.describe());
        }
        byte[] wrapped = new byte[wrappedLength];
        in.get(wrapped);
        byte[] iv = new byte[IV_BYTES];
        in.get(iv);
        byte[] sealed = new byte[in.remaining()];
        in.get(sealed);
        byte[] plain = null;
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
            rsa.init(Cipher.UNWRAP_MODE, key, oaep());
            Key contentKey = rsa.unwrap(wrapped, "AES", Cipher.SECRET_KEY);
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, contentKey, new GCMParameterSpec(TAG_BITS, iv));
            aes.updateAAD(aad(keyPath, thumbprint));
            plain = aes.doFinal(sealed);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw invalid(keyPath, "the protected value was changed, damaged or moved from another key "
                    + "(authentication failed)");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // OAEP unwrap failures land here: a changed wrapped key, or a key store whose private key does not
            // belong to its certificate. No detail of the exception: padding oracles must stay silent.
            throw invalid(keyPath, "the protected value cannot be opened: it was changed or damaged, or the key "
                    + "store's private key does not match its certificate");
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /** @return the SHA-256 of the certificate's DER encoding */
    public static byte[] thumbprint(X509Certificate certificate) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, "cannot compute the certificate thumbprint ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Refuses certificates that cannot wrap keys safely. */
    static void checkUsable(X509Certificate certificate) {
        if (!(certificate.getPublicKey() instanceof RSAPublicKey rsa)) {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, "the encryption certificate's key is "
                    + certificate.getPublicKey().getAlgorithm() + "; protected settings need an RSA key");
        }
        if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, "the encryption certificate's RSA key has "
                    + rsa.getModulus().bitLength() + " bits; at least " + MIN_RSA_BITS + " are required");
        }
        boolean[] usage = certificate.getKeyUsage();
        if (usage != null && !usage[2]) { // index 2 = keyEncipherment (RFC 5280 4.2.1.3)
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS,
                    "the encryption certificate's key usage does not allow key encipherment");
        }
    }

    private static OAEPParameterSpec oaep() {
        // Explicit: the JDK's default for "OAEPPadding" is SHA-1 with MGF1-SHA-1.
        return new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
    }

    private static byte[] aad(String keyPath, byte[] thumbprint) {
        byte[] label = (V1 + keyPath).getBytes(StandardCharsets.UTF_8);
        byte[] aad = Arrays.copyOf(label, label.length + thumbprint.length);
        System.arraycopy(thumbprint, 0, aad, label.length, thumbprint.length);
        return aad;
    }

    private static ConnectorException invalid(String keyPath, String message) {
        return new ConnectorException(ErrorCode.INVALID_SETTINGS, keyPath + ": " + message);
    }
}
