package io.oktaconnector.simulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * A compact JWS (header.payload.signature), parsed and verified with JDK crypto only. Supports the
 * algorithms Okta accepts for client assertions and DPoP proofs: RS256/384/512 and ES256/384/512.
 */
final class Jwt {
    final ObjectNode header;
    final ObjectNode claims;
    private final byte[] signingInput;
    private final byte[] signature;

    private Jwt(ObjectNode header, ObjectNode claims, byte[] signingInput, byte[] signature) {
        this.header = header;
        this.claims = claims;
        this.signingInput = signingInput;
        this.signature = signature;
    }

    /** Parses a compact JWS; null when it is not one (wrong shape, bad base64url, not JSON objects). */
    static Jwt parse(String compact) {
        if (compact == null) {
            return null;
        }
        String[] parts = compact.trim().split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return null;
        }
        try {
            JsonNode h = Json.MAPPER.readTree(b64(parts[0]));
            JsonNode c = Json.MAPPER.readTree(b64(parts[1]));
            if (h == null || c == null || !h.isObject() || !c.isObject()) {
                return null;
            }
            byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
            return new Jwt((ObjectNode) h, (ObjectNode) c, input, b64(parts[2]));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] b64(String s) {
        return Base64.getUrlDecoder().decode(s);
    }

    static String b64url(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    String alg() {
        return text(header, "alg");
    }

    String headerText(String name) {
        return text(header, name);
    }

    String claimText(String name) {
        return text(claims, name);
    }

    /** A numeric date claim in epoch seconds, or null when absent or not a number. */
    Long claimSeconds(String name) {
        JsonNode n = claims.get(name);
        return n != null && n.isNumber() ? n.asLong() : null;
    }

    private static String text(JsonNode node, String name) {
        JsonNode n = node.get(name);
        return n != null && n.isTextual() ? n.asText() : null;
    }

    /** Whether {@code alg} is one this verifier knows and it fits the key's type and size. */
    static boolean algFits(String alg, PublicKey key) {
        if (alg == null) {
            return false;
        }
        return switch (alg) {
            case "RS256", "RS384", "RS512" -> key instanceof RSAPublicKey;
            case "ES256" -> curveBits(key) == 256;
            case "ES384" -> curveBits(key) == 384;
            case "ES512" -> curveBits(key) == 521;
            default -> false;
        };
    }

    private static int curveBits(PublicKey key) {
        return key instanceof ECPublicKey ec ? ec.getParams().getCurve().getField().getFieldSize() : -1;
    }

    /** True when the signature verifies with {@code key} under the header's alg (which must fit the key). */
    boolean verify(PublicKey key) {
        String alg = alg();
        if (!algFits(alg, key)) {
            return false;
        }
        // JOSE ECDSA signatures are raw r||s (P1363), which the JDK verifies directly under this name
        String jca = switch (alg) {
            case "RS256" -> "SHA256withRSA";
            case "RS384" -> "SHA384withRSA";
            case "RS512" -> "SHA512withRSA";
            case "ES256" -> "SHA256withECDSAinP1363Format";
            case "ES384" -> "SHA384withECDSAinP1363Format";
            default -> "SHA512withECDSAinP1363Format";
        };
        try {
            Signature s = Signature.getInstance(jca);
            s.initVerify(key);
            s.update(signingInput);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The public key of a JWK (RSA: n, e; EC: crv P-256/P-384/P-521, x, y), or null when the JWK is
     * malformed or carries private parts ({@code d}, {@code p}, ...): a proof must never hold those.
     */
    static PublicKey publicKey(JsonNode jwk) {
        if (jwk == null || !jwk.isObject() || jwk.has("d") || jwk.has("p") || jwk.has("q")) {
            return null;
        }
        try {
            String kty = jwk.path("kty").asText("");
            if (kty.equals("RSA")) {
                BigInteger n = new BigInteger(1, b64(jwk.path("n").asText()));
                BigInteger e = new BigInteger(1, b64(jwk.path("e").asText()));
                return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
            }
            if (kty.equals("EC")) {
                String curve = switch (jwk.path("crv").asText("")) {
                    case "P-256" -> "secp256r1";
                    case "P-384" -> "secp384r1";
                    case "P-521" -> "secp521r1";
                    default -> null;
                };
                if (curve == null) {
                    return null;
                }
                AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
                params.init(new ECGenParameterSpec(curve));
                ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
                ECPoint w = new ECPoint(new BigInteger(1, b64(jwk.path("x").asText())),
                        new BigInteger(1, b64(jwk.path("y").asText())));
                return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, spec));
            }
            return null;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    /** base64url(SHA-256(text)), as DPoP's {@code ath} claim carries it. */
    static String sha256(String text) {
        try {
            return b64url(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
