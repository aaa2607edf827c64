package io.oktaconnector.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Test-side OAuth client built on the JDK only: keys, JWS signing with java.security.Signature, client
 * assertions, token requests and DPoP proofs, so that the simulator's checks are exercised by code that
 * shares none of its own.
 */
final class OAuthKit {
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static KeyPair rsa;
    private static KeyPair otherRsa;

    private OAuthKit() {
    }

    /** One RSA 2048 key pair per test JVM (generation is the slow part). */
    static synchronized KeyPair rsa() {
        if (rsa == null) {
            rsa = generate("RSA", 2048);
        }
        return rsa;
    }

    /** A second RSA key pair, registered nowhere. */
    static synchronized KeyPair otherRsa() {
        if (otherRsa == null) {
            otherRsa = generate("RSA", 2048);
        }
        return otherRsa;
    }

    static KeyPair ec() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair generate(String alg, int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** A compact JWS signed with the JDK's Signature for RS256/384/512 and ES256. */
    static String sign(ObjectNode header, ObjectNode claims, PrivateKey key) {
        String input = b64(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + b64(claims.toString().getBytes(StandardCharsets.UTF_8));
        String jca = switch (header.get("alg").asText()) {
            case "RS256" -> "SHA256withRSA";
            case "RS384" -> "SHA384withRSA";
            case "RS512" -> "SHA512withRSA";
            case "ES256" -> "SHA256withECDSA";
            default -> throw new IllegalArgumentException(header.toString());
        };
        try {
            Signature s = Signature.getInstance(jca);
            s.initSign(key);
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            byte[] sig = s.sign();
            if (jca.endsWith("ECDSA")) {
                sig = derToJose(sig, 32);
            }
            return input + "." + b64(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JOSE wants ECDSA signatures as fixed-width r||s, the JDK produces DER: convert by hand. */
    static byte[] derToJose(byte[] der, int width) {
        int offset = der[1] == (byte) 0x81 ? 3 : 2;
        int rLen = der[offset + 1];
        byte[] r = Arrays.copyOfRange(der, offset + 2, offset + 2 + rLen);
        int sOff = offset + 2 + rLen;
        int sLen = der[sOff + 1];
        byte[] s = Arrays.copyOfRange(der, sOff + 2, sOff + 2 + sLen);
        byte[] out = new byte[2 * width];
        copyUnsigned(r, out, 0, width);
        copyUnsigned(s, out, width, width);
        return out;
    }

    private static void copyUnsigned(byte[] v, byte[] out, int at, int width) {
        int start = 0;
        while (v.length - start > width && v[start] == 0) {
            start++;
        }
        int len = v.length - start;
        System.arraycopy(v, start, out, at + width - len, len);
    }

    /** A client assertion as okta-sdk-java builds one; {@code tweak} may change header or claims. */
    static String assertion(String clientId, String aud, PrivateKey key, String alg, Instant now,
                            Consumer<ObjectNode[]> tweak) {
        ObjectNode header = Http.MAPPER.createObjectNode().put("alg", alg);
        ObjectNode claims = Http.MAPPER.createObjectNode();
        claims.putArray("aud").add(aud);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(Duration.ofMinutes(50)).getEpochSecond());
        claims.put("iss", clientId);
        claims.put("sub", clientId);
        claims.put("jti", UUID.randomUUID().toString());
        if (tweak != null) {
            tweak.accept(new ObjectNode[] {header, claims});
        }
        return sign(header, claims, key);
    }

    static String assertion(OktaSimulator sim, String clientId, PrivateKey key) {
        return assertion(clientId, sim.tokenUrl(), key, key.getAlgorithm().equals("EC") ? "ES256" : "RS256",
                Instant.now(), null);
    }

    /** The form the SDK posts, in its order. */
    static Map<String, String> form(String assertion, String scope) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("client_assertion_type", ASSERTION_TYPE);
        f.put("grant_type", "client_credentials");
        if (scope != null) {
            f.put("scope", scope);
        }
        f.put("client_assertion", assertion);
        return f;
    }

    static String encode(Map<String, String> form) {
        StringBuilder sb = new StringBuilder();
        form.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }

    static HttpResponse<String> post(OktaSimulator sim, String body, String contentType, String dpop) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.tokenUrl())).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (dpop != null) {
            b.header("DPoP", dpop);
        }
        return send(b.build());
    }

    static HttpResponse<String> tokenRequest(OktaSimulator sim, Map<String, String> form) {
        return post(sim, encode(form), "application/x-www-form-urlencoded; charset=ISO-8859-1", null);
    }

    static HttpResponse<String> tokenRequest(OktaSimulator sim, String assertion, String scope) {
        return tokenRequest(sim, form(assertion, scope));
    }

    /** A fresh access token for a registered client (asserts the 200). */
    static String accessToken(OktaSimulator sim, String clientId, PrivateKey key, String scope) {
        HttpResponse<String> r = tokenRequest(sim, assertion(sim, clientId, key), scope);
        if (r.statusCode() != 200) {
            throw new AssertionError("token request failed: " + r.statusCode() + " " + r.body());
        }
        return Http.json(r).get("access_token").asText();
    }

    /** An API call with {@code Authorization: <scheme> <token>} and an optional DPoP proof. */
    static HttpResponse<String> api(OktaSimulator sim, String method, String path, String authorization,
                                    String dpop, String jsonBody) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .timeout(Duration.ofSeconds(20)).header("Accept", "application/json");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (dpop != null) {
            b.header("DPoP", dpop);
        }
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        } else {
            b.method(method, method.equals("POST") || method.equals("PUT")
                    ? HttpRequest.BodyPublishers.ofString("") : HttpRequest.BodyPublishers.noBody());
        }
        return send(b.build());
    }

    static HttpResponse<String> bearer(OktaSimulator sim, String method, String path, String token) {
        return api(sim, method, path, "Bearer " + token, null, null);
    }

    /** A DPoP proof (RFC 9449) for an EC P-256 key; {@code tweak} may change header or claims. */
    static String proof(KeyPair key, String htm, String htu, String nonce, String accessToken,
                        Consumer<ObjectNode[]> tweak) {
        ECPublicKey pub = (ECPublicKey) key.getPublic();
        ObjectNode header = Http.MAPPER.createObjectNode().put("typ", "dpop+jwt").put("alg", "ES256");
        header.putObject("jwk").put("kty", "EC").put("crv", "P-256")
                .put("x", b64(fixed(pub.getW().getAffineX(), 32)))
                .put("y", b64(fixed(pub.getW().getAffineY(), 32)));
        ObjectNode claims = Http.MAPPER.createObjectNode().put("htm", htm).put("htu", htu)
                .put("jti", UUID.randomUUID().toString()).put("iat", Instant.now().getEpochSecond());
        if (nonce != null) {
            claims.put("nonce", nonce);
        }
        if (accessToken != null) {
            claims.put("ath", ath(accessToken));
        }
        if (tweak != null) {
            tweak.accept(new ObjectNode[] {header, claims});
        }
        return sign(header, claims, key.getPrivate());
    }

    static String ath(String token) {
        try {
            return b64(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] fixed(BigInteger v, int width) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[width];
        int start = Math.max(0, b.length - width);
        System.arraycopy(b, start, out, width - (b.length - start), b.length - start);
        return out;
    }

    private static HttpResponse<String> send(HttpRequest r) {
        try {
            return CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
