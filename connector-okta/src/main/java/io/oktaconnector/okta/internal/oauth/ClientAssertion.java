package io.oktaconnector.okta.internal.oauth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * Signs the {@code private_key_jwt} client assertion of RFC 7523 with JDK crypto: {@code iss = sub = client id},
 * {@code aud} = the org's token endpoint, {@code iat}, {@code exp} five minutes later, a random {@code jti}. RSA keys
 * sign RS256 (whatever their size: Okta accepts it, and the algorithm does not leak the key size); EC keys sign
 * ES256, ES384 or ES512 by their curve, with the signature in JOSE form (R||S), not DER. Thread-safe.
 */
public final class ClientAssertion {
    /** Lifetime of one assertion: Okta allows up to an hour; a short one limits replay. */
    public static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String clientId;
    private final String audience;
    private final PrivateKey key;
    private final String keyId;
    private final String alg;
    private final String jdkAlgorithm;
    private final int ecPartLength;

    /**
     * @param clientId the service app's client id
     * @param audience the token endpoint URL, e.g. {@code https://acme.okta.com/oauth2/v1/token}
     * @param key      an RSA or EC (P-256, P-384, P-521) private key
     * @param keyId    the {@code kid} header, or {@code null}
     * @param keyName  the settings key of the private key, for messages
     */
    public ClientAssertion(String clientId, String audience, PrivateKey key, String keyId, String keyName) {
        this.clientId = Objects.requireNonNull(clientId, "clientId == null");
        this.audience = Objects.requireNonNull(audience, "audience == null");
        this.key = Objects.requireNonNull(key, "key == null");
        this.keyId = keyId == null || keyId.isBlank() ? null : keyId.strip();
        if (key instanceof RSAPrivateKey rsa) {
            if (rsa.getModulus().bitLength() < 2048) {
                throw new ConnectorException(ErrorCode.INVALID_SETTINGS, keyName + ": the RSA key has "
                        + rsa.getModulus().bitLength() + " bits; Okta requires at least 2048");
            }
            alg = "RS256";
            jdkAlgorithm = "SHA256withRSA";
            ecPartLength = 0;
        } else if (key instanceof ECPrivateKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            switch (bits) {
                case 256 -> { alg = "ES256"; jdkAlgorithm = "SHA256withECDSA"; ecPartLength = 32; }
                case 384 -> { alg = "ES384"; jdkAlgorithm = "SHA384withECDSA"; ecPartLength = 48; }
                case 521 -> { alg = "ES512"; jdkAlgorithm = "SHA512withECDSA"; ecPartLength = 66; }
                default -> throw new ConnectorException(ErrorCode.INVALID_SETTINGS, keyName
                        + ": EC keys must be on P-256, P-384 or P-521");
            }
        } else {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, keyName + ": the key must be RSA or EC");
        }
    }

    /** @return the JWS algorithm used ({@code RS256}, {@code ES256}, …) */
    public String algorithm() {
        return alg;
    }

    /**
     * @param now the issue time
     * @return a signed compact JWS
     */
    public String sign(Instant now) {
        ObjectNode header = JSON.createObjectNode().put("alg", alg).put("typ", "JWT");
        if (keyId != null) {
            header.put("kid", keyId);
        }
        long iat = now.getEpochSecond();
        ObjectNode claims = JSON.createObjectNode()
                .put("iss", clientId).put("sub", clientId).put("aud", audience)
                .put("iat", iat).put("exp", iat + LIFETIME.toSeconds())
                .put("jti", UUID.randomUUID().toString());
        String signingInput = b64(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + b64(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature s = Signature.getInstance(jdkAlgorithm);
            s.initSign(key);
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            byte[] sig = s.sign();
            return signingInput + "." + b64(ecPartLength == 0 ? sig : derToJose(sig, ecPartLength));
        } catch (GeneralSecurityException e) {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, "the OAuth private key cannot sign ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } to fixed-width R||S (RFC 7518 3.4). */
    static byte[] derToJose(byte[] der, int partLength) {
        int p = 2;
        if ((der[1] & 0xff) > 0x80) {
            p += der[1] & 0x7f;
        }
        byte[] out = new byte[2 * partLength];
        for (int part = 0; part < 2; part++) {
            int len = der[p + 1] & 0xff;
            int start = p + 2;
            int skip = Math.max(0, len - partLength); // leading zero bytes of a positive INTEGER
            int copy = len - skip;
            System.arraycopy(der, start + skip, out, (part + 1) * partLength - copy, copy);
            p = start + len;
        }
        return out;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
