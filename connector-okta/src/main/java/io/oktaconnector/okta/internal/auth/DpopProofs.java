package io.oktaconnector.okta.internal.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * DPoP proofs (RFC 9449) for a service app that requires DPoP-bound tokens, as Okta's "Require Demonstrating Proof of
 * Possession (DPoP) header in token requests" setting does (the default for new service apps). The key pair is made
 * here, in memory, once per connector (P-256, ES256: a proof per request costs a fraction of an RSA signature), and is
 * never written anywhere; the token Okta issues is bound to it. Thread-safe.
 *
 * <p>A proof names the method and the URL without its query ({@code htu}, percent-decoded, as Okta compares it), a
 * fresh {@code jti} and the time; on API calls also the access token's hash ({@code ath}); on token requests the
 * authorization server's nonce once Okta has asked for one.
 */
public final class DpopProofs {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair keys;
    private final ObjectNode jwk;

    /** Makes a fresh key pair. */
    public DpopProofs() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            this.keys = g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a P-256 key pair for DPoP", e);
        }
        ECPublicKey pub = (ECPublicKey) keys.getPublic();
        this.jwk = JSON.createObjectNode().put("kty", "EC").put("crv", "P-256")
                .put("x", B64.encodeToString(unsigned(pub.getW().getAffineX(), 32)))
                .put("y", B64.encodeToString(unsigned(pub.getW().getAffineY(), 32)));
    }

    /**
     * @param method      the HTTP method
     * @param url         the request URL; its query and fragment are left out
     * @param accessToken the access token the request carries, or {@code null} (a token request)
     * @param nonce       the server's nonce, or {@code null}
     * @param now         the issue time
     * @return the proof, a compact JWT for the {@code DPoP} header
     */
    public String proof(String method, String url, String accessToken, String nonce, Instant now) {
        ObjectNode header = JSON.createObjectNode().put("typ", "dpop+jwt").put("alg", "ES256");
        header.set("jwk", jwk);
        ObjectNode claims = JSON.createObjectNode().put("htm", method).put("htu", htu(url))
                .put("iat", now.getEpochSecond()).put("jti", UUID.randomUUID().toString());
        if (accessToken != null) {
            claims.put("ath", B64.encodeToString(sha256(accessToken)));
        }
        if (nonce != null) {
            claims.put("nonce", nonce);
        }
        String input = B64.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
            s.initSign(keys.getPrivate());
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a DPoP proof", e);
        }
    }

    /** Okta compares {@code htu} with the URL it received without the query, percent-decoded. */
    static String htu(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getRawAuthority() + (u.getPath() == null ? "" : u.getPath());
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    /** @return the value as exactly {@code size} big-endian bytes, as a JWK coordinate is written */
    private static byte[] unsigned(BigInteger v, int size) {
        byte[] b = v.toByteArray();
        if (b.length == size) {
            return b;
        }
        if (b.length > size) {
            return Arrays.copyOfRange(b, b.length - size, b.length); // a leading sign byte
        }
        byte[] out = new byte[size];
        System.arraycopy(b, 0, out, size - b.length, b.length);
        return out;
    }
}
