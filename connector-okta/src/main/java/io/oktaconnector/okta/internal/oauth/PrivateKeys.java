package io.oktaconnector.okta.internal.oauth;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the OAuth client's private key from PEM text with the JDK only: PKCS#8 ({@code BEGIN PRIVATE KEY}, RSA or
 * EC), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) and SEC1 ({@code BEGIN EC PRIVATE KEY}); the latter two are wrapped
 * into PKCS#8 here. Encrypted keys are refused with a hint (protect the settings value instead). Messages name the
 * settings key, never the content.
 */
public final class PrivateKeys {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final byte[] RSA_ALGORITHM = hex("300d06092a864886f70d0101010500");          // rsaEncryption, NULL
    private static final byte[] EC_PUBLIC_KEY_OID = hex("06072a8648ce3d0201");                  // id-ecPublicKey

    private PrivateKeys() {
    }

    /**
     * @param pem the PEM text (surrounding text and white space are ignored)
     * @param key the settings key for messages, e.g. {@code Connections.Okta.PrivateKey}
     * @return the RSA or EC private key
     * @throws ConnectorException INVALID_SETTINGS naming {@code key}
     */
    public static PrivateKey parse(String pem, String key) {
        Matcher m = PEM.matcher(pem);
        if (!m.find()) {
            throw invalid(key, "is not a PEM private key (expected -----BEGIN PRIVATE KEY-----)");
        }
        String type = m.group(1);
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2).strip());
        } catch (IllegalArgumentException e) {
            throw invalid(key, "the PEM " + type + " block is not valid base64");
        }
        try {
            return switch (type) {
                case "PRIVATE KEY" -> pkcs8(der, key);
                case "RSA PRIVATE KEY" -> pkcs8(wrapPkcs1(der), key);
                case "EC PRIVATE KEY" -> pkcs8(wrapSec1(der, key), key);
                case "ENCRYPTED PRIVATE KEY" -> throw invalid(key, "is an encrypted private key; give it unencrypted"
                        + " and protect the settings value instead");
                default -> throw invalid(key, "holds a PEM " + type + " block, not a private key");
            };
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    private static PrivateKey pkcs8(byte[] der, String key) {
        for (String algorithm : new String[]{"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw invalid(key, "is not an RSA or EC private key the JDK can read");
    }

    /** PKCS#8 { version 0, rsaEncryption, OCTET STRING { RSAPrivateKey } }. */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        return sequence(concat(hex("020100"), RSA_ALGORITHM, tlv(0x04, pkcs1)));
    }

    /** PKCS#8 { version 0, { id-ecPublicKey, curve }, OCTET STRING { ECPrivateKey } }; the curve is read from SEC1. */
    private static byte[] wrapSec1(byte[] sec1, String key) {
        byte[] curve = sec1Curve(sec1, key);
        return sequence(concat(hex("020100"), sequence(concat(EC_PUBLIC_KEY_OID, curve)), tlv(0x04, sec1)));
    }

    /** Finds the {@code [0] parameters} (the named curve OID) of an ECPrivateKey. */
    private static byte[] sec1Curve(byte[] sec1, String key) {
        try {
            int[] outer = header(sec1, 0);
            if (sec1[0] != 0x30) {
                throw invalid(key, "the EC PRIVATE KEY block is malformed");
            }
            int p = outer[0];
            int end = outer[0] + outer[1];
            while (p < end) {
                int tag = sec1[p] & 0xff;
                int[] h = header(sec1, p);
                if (tag == 0xa0) {
                    int[] oid = header(sec1, h[0]);
                    return Arrays.copyOfRange(sec1, h[0], oid[0] + oid[1]);
                }
                p = h[0] + h[1];
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            // reported below
        }
        throw invalid(key, "the EC PRIVATE KEY block names no curve; convert it to PKCS#8 (openssl pkcs8 -topk8 -nocrypt)");
    }

    /** @return {contentStart, contentLength} of the TLV at {@code at} */
    private static int[] header(byte[] der, int at) {
        int len = der[at + 1] & 0xff;
        int start = at + 2;
        if (len > 0x80) {
            int n = len & 0x7f;
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (der[start + i] & 0xff);
            }
            start += n;
        }
        return new int[]{start, len};
    }

    private static byte[] sequence(byte[] content) {
        return tlv(0x30, content);
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }

    private static ConnectorException invalid(String key, String message) {
        return new ConnectorException(ErrorCode.INVALID_SETTINGS, key + ": " + message);
    }
}
