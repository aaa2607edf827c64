package io.oktaconnector.okta.internal.auth;

import java.io.ByteArrayOutputStream;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a PEM private key with the JDK only: PKCS#8 ({@code BEGIN PRIVATE KEY}, RSA or EC) and PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}). Never puts key material into a message.
 */
public final class PrivateKeys {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private PrivateKeys() {
    }

    /**
     * @param pem the PEM text (surrounding white space allowed)
     * @return the key, or empty with the reason in {@code why[0]}
     */
    public static Optional<PrivateKey> parse(String pem, String[] why) {
        Matcher m = PEM.matcher(pem.strip());
        if (!m.find()) {
            why[0] = "is not a PEM private key (expected -----BEGIN PRIVATE KEY-----)";
            return Optional.empty();
        }
        String type = m.group(1);
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            why[0] = "is not valid base64 PEM";
            return Optional.empty();
        }
        switch (type) {
            case "PRIVATE KEY" -> {
                for (String alg : new String[] {"RSA", "EC"}) {
                    try {
                        return Optional.of(KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der)));
                    } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException ignored) {
                        // try the next algorithm
                    }
                }
                why[0] = "is neither an RSA nor an EC PKCS#8 private key";
                return Optional.empty();
            }
            case "RSA PRIVATE KEY" -> {
                try {
                    return Optional.of(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1ToPkcs8(der))));
                } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
                    why[0] = "is not a valid PKCS#1 RSA private key";
                    return Optional.empty();
                }
            }
            case "ENCRYPTED PRIVATE KEY" -> {
                why[0] = "is encrypted; give an unencrypted PKCS#8 key (protect it with the settings' secret storage)";
                return Optional.empty();
            }
            default -> {
                why[0] = "is a PEM \"" + type + "\"; convert it to PKCS#8 (openssl pkcs8 -topk8 -nocrypt)";
                return Optional.empty();
            }
        }
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo. */
    private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] rsaAlgorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
            0x01, 0x01, 0x05, 0x00};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00}); // version 0
        body.writeBytes(rsaAlgorithm);
        body.write(0x04); // OCTET STRING holding the PKCS#1 key
        body.writeBytes(length(pkcs1.length));
        body.writeBytes(pkcs1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.writeBytes(length(body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static byte[] length(int n) {
        if (n < 0x80) {
            return new byte[] {(byte) n};
        }
        if (n < 0x100) {
            return new byte[] {(byte) 0x81, (byte) n};
        }
        if (n < 0x10000) {
            return new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
        }
        return new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    }
}
