package io.oktaconnector.okta.internal.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * The {@code private_key_jwt} client assertion Okta's token endpoint expects: {@code iss = sub = client id},
 * {@code aud = <org>/oauth2/v1/token}, a five-minute lifetime, a random {@code jti}; RS256 for RSA keys, ES256/384/512
 * by curve for EC keys, signed with the JDK.
 */
public final class ClientAssertion {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private ClientAssertion() {
    }

    /**
     * @param key      the private key
     * @param clientId the service app's client id
     * @param audience the token endpoint URL
     * @param keyId    the {@code kid} header, or {@code null}
     * @param now      the issue time
     * @return the compact JWT
     */
    public static String sign(PrivateKey key, String clientId, String audience, String keyId, Instant now) {
        String alg;
        String jcaAlg;
        if (key instanceof RSAPrivateKey) {
            alg = "RS256";
            jcaAlg = "SHA256withRSA";
        } else if (key instanceof ECPrivateKey ec) {
            int bits = ec.getParams().getOrder().bitLength();
            alg = bits > 384 ? "ES512" : bits > 256 ? "ES384" : "ES256";
            jcaAlg = (bits > 384 ? "SHA512" : bits > 256 ? "SHA384" : "SHA256") + "withECDSAinP1363Format";
        } else {
            throw new IllegalArgumentException("unsupported key type " + key.getAlgorithm());
        }
        ObjectNode header = JSON.createObjectNode().put("alg", alg).put("typ", "JWT");
        if (keyId != null && !keyId.isBlank()) {
            header.put("kid", keyId.strip());
        }
        ObjectNode claims = JSON.createObjectNode().put("iss", clientId).put("sub", clientId).put("aud", audience)
                .put("iat", now.getEpochSecond()).put("exp", now.getEpochSecond() + 300)
                .put("jti", UUID.randomUUID().toString());
        String signingInput = B64.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature s = Signature.getInstance(jcaAlg);
            s.initSign(key);
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the client assertion with " + jcaAlg, e);
        }
    }
}
