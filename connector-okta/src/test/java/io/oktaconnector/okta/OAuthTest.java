package io.oktaconnector.okta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.ExportSummary;
import io.oktaconnector.api.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * OAuth 2.0 client credentials with private_key_jwt against a small fake org: its token endpoint verifies the client
 * assertion's signature, issuer, subject, audience and expiry; its API accepts only the tokens it issued.
 */
class OAuthTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT_ID = "0oaService1";

    private HttpServer server;
    private String base;
    private volatile PublicKey registered;
    private volatile String signatureAlg = "SHA256withRSA";
    private volatile boolean requireDpop;
    private volatile boolean refuseTokenProofs;
    private volatile boolean apiWantsNonce;
    private volatile boolean apiRefusesProofs;
    private final List<String> apiProofNonces = new CopyOnWriteArrayList<>();
    private volatile int revokeAfterApiCalls = -1;
    private final Set<String> valid = ConcurrentHashMap.newKeySet();
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger apiCalls = new AtomicInteger();
    private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    private final List<JsonNode> assertionHeaders = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/oauth2/v1/token", this::token);
        server.createContext("/api/v1/", this::api);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void token(HttpExchange ex) throws IOException {
        Map<String, String> form = new HashMap<>();
        for (String part : new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            String[] kv = part.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        tokenRequests.add(form);
        String proof = ex.getRequestHeaders().getFirst("DPoP");
        if (requireDpop && proof == null) {
            send(ex, 400, "{\"error\":\"invalid_dpop_proof\",\"error_description\":\"The DPoP proof JWT header is missing.\"}");
            return;
        }
        if (requireDpop && refuseTokenProofs) {
            send(ex, 400, "{\"error\":\"invalid_dpop_proof\",\"error_description\":\"The DPoP proof JWT signature is invalid.\"}");
            return;
        }
        String error = checkAssertion(form);
        if (error != null) {
            send(ex, 401, "{\"error\":\"invalid_client\",\"error_description\":\"" + error + "\"}");
            return;
        }
        String token = "at-" + issued.incrementAndGet();
        valid.add(token);
        send(ex, 200, "{\"token_type\":\"" + (proof == null ? "Bearer" : "DPoP") + "\",\"expires_in\":3600,\"access_token\":\"" + token
                + "\",\"scope\":\"" + form.get("scope") + "\"}");
    }

    private String checkAssertion(Map<String, String> form) {
        try {
            if (!"client_credentials".equals(form.get("grant_type")) || !"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
                    .equals(form.get("client_assertion_type"))) {
                return "wrong grant";
            }
            String[] jwt = form.get("client_assertion").split("\\.");
            Base64.Decoder d = Base64.getUrlDecoder();
            assertionHeaders.add(JSON.readTree(d.decode(jwt[0])));
            JsonNode claims = JSON.readTree(d.decode(jwt[1]));
            Signature s = Signature.getInstance(signatureAlg);
            s.initVerify(registered);
            s.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            if (!s.verify(d.decode(jwt[2]))) {
                return "The client_assertion signature is invalid.";
            }
            long now = System.currentTimeMillis() / 1000;
            if (!claims.path("iss").asText().equals(CLIENT_ID) || !claims.path("sub").asText().equals(CLIENT_ID)
                    || !claims.path("aud").asText().equals(base + "/oauth2/v1/token")
                    || claims.path("exp").asLong() <= now || claims.path("exp").asLong() > now + 3600
                    || claims.path("jti").asText().isEmpty()) {
                return "The client_assertion claims are invalid.";
            }
            return null;
        } catch (Exception e) {
            return "The client_assertion is not a valid JWT.";
        }
    }

    private void api(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        authorizations.add(String.valueOf(auth));
        int n = apiCalls.incrementAndGet();
        if (revokeAfterApiCalls >= 0 && n > revokeAfterApiCalls && valid.remove("at-1")) {
            revokeAfterApiCalls = -1; // revoke the first token once, mid-export
        }
        boolean dpop = auth != null && auth.startsWith("DPoP ");
        if (dpop) {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(
                    ex.getRequestHeaders().getFirst("DPoP").split("\\.")[1]));
            apiProofNonces.add(claims.path("nonce").asText(""));
            if (apiRefusesProofs) {
                ex.getResponseHeaders().add("WWW-Authenticate", "DPoP algs=\"ES256\", error=\"invalid_dpop_proof\","
                        + " error_description=\"'htu' claim in the DPoP proof JWT is invalid.\"");
                send(ex, 400, "");
                return;
            }
            if (apiWantsNonce && !claims.path("nonce").asText("").equals("n-api")) {
                ex.getResponseHeaders().add("WWW-Authenticate", "DPoP algs=\"ES256\", error=\"use_dpop_nonce\","
                        + " error_description=\"Resource server requires nonce in DPoP proof\"");
                ex.getResponseHeaders().add("DPoP-Nonce", "n-api");
                send(ex, 401, "");
                return;
            }
        }
        if (auth == null || !(auth.startsWith("Bearer ") || dpop) || !valid.contains(auth.substring(auth.indexOf(' ') + 1))) {
            send(ex, 401, "{\"errorCode\":\"E0000011\",\"errorSummary\":\"Invalid token provided\",\"errorCauses\":[]}");
            return;
        }
        String path = ex.getRequestURI().getPath();
        String body = switch (path) {
            case "/api/v1/meta/schemas/user/default" ->
                    "{\"definitions\":{\"base\":{\"properties\":{\"login\":{}}},\"custom\":{\"properties\":{}}}}";
            case "/api/v1/meta/schemas/group/default" -> "{\"definitions\":{\"custom\":{\"properties\":{}}}}";
            case "/api/v1/users" -> ex.getRequestURI().getQuery().contains("after=")
                    ? "[{\"id\":\"00u2\",\"status\":\"DEPROVISIONED\",\"profile\":{\"login\":\"b@x\"}}]"
                    : "[{\"id\":\"00u1\",\"status\":\"ACTIVE\",\"profile\":{\"login\":\"a@x\"}}]";
            case "/api/v1/groups" -> "[{\"id\":\"00g1\",\"type\":\"BUILT_IN\",\"profile\":{\"name\":\"Everyone\"},"
                    + "\"_embedded\":{\"stats\":{\"usersCount\":2,\"appsCount\":0}}}]";
            case "/api/v1/groups/00g1/users" -> "[{\"id\":\"00u1\"},{\"id\":\"00u2\"}]";
            default -> "[]";
        };
        if (path.equals("/api/v1/users") && !ex.getRequestURI().getQuery().contains("after=")) {
            ex.getResponseHeaders().add("Link", "<" + base + "/api/v1/users?after=00u1&limit=200>; rel=\"next\"");
        }
        send(ex, 200, body);
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
                + "-----\n";
    }

    private OktaSettings.Builder settings(Path keyFile) {
        return OktaSettings.builder().connectionId("OAuth").server(base).allowInsecureHttp(true)
                .oauth(CLIENT_ID, keyFile, null);
    }

    private KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    @Test
    void exportsWithOneTokenAskingForTheReadScopes(@TempDir Path dir) throws Exception {
        KeyPair kp = rsa();
        registered = kp.getPublic();
        Path key = dir.resolve("key.pem");
        Files.writeString(key, pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
        ExportSummary summary = OktaConnector.export(settings(key).keyId("kid-7").build(), dir.resolve("out"));
        assertThat(summary.rowsPerTable()).containsEntry("OAuth_users", 2L).containsEntry("OAuth_groupsusers", 2L);
        assertThat(tokenRequests).hasSize(1);
        assertThat(tokenRequests.get(0).get("scope")).isEqualTo("okta.users.read okta.groups.read okta.apps.read okta.schemas.read");
        assertThat(assertionHeaders.get(0).path("alg").asText()).isEqualTo("RS256");
        assertThat(assertionHeaders.get(0).path("kid").asText()).isEqualTo("kid-7");
        assertThat(authorizations).isNotEmpty().allMatch(a -> a.equals("Bearer at-1"));
        assertThat(summary.requests()).isEqualTo(apiCalls.get() + 1L); // the token request counts too
    }

    @Test
    void aTokenRevokedMidExportIsRenewedOnceAndTheExportCompletes(@TempDir Path dir) throws Exception {
        KeyPair kp = rsa();
        registered = kp.getPublic();
        // a PKCS#1 key, as "openssl genrsa" writes it: the PKCS#8 wrapping's inner octet string
        byte[] pkcs8 = kp.getPrivate().getEncoded();
        byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
        Path key = dir.resolve("rsa.pem");
        Files.writeString(key, pem("RSA PRIVATE KEY", pkcs1));
        revokeAfterApiCalls = 4;
        ExportSummary summary = OktaConnector.export(settings(key).maxConcurrency(1).build(), dir.resolve("out"));
        assertThat(summary.rowsPerTable()).containsEntry("OAuth_users", 2L);
        assertThat(tokenRequests).hasSize(2);
        assertThat(authorizations).contains("Bearer at-1", "Bearer at-2");
    }

    @Test
    void anEcKeyGivenInlineSignsWithEs256(@TempDir Path dir) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair kp = g.generateKeyPair();
        registered = kp.getPublic();
        signatureAlg = "SHA256withECDSAinP1363Format";
        OktaSettings s = OktaSettings.builder().connectionId("OAuth").server(base).allowInsecureHttp(true)
                .oauth(CLIENT_ID, null, Secret.of(pem("PRIVATE KEY", kp.getPrivate().getEncoded()))).build();
        try (OktaConnector okta = OktaConnector.create(s)) {
            okta.check();
        }
        assertThat(assertionHeaders.get(0).path("alg").asText()).isEqualTo("ES256");
    }

    @Test
    void aKeyOktaDoesNotKnowIsAnAuthenticationErrorNamingTheServer(@TempDir Path dir) throws Exception {
        registered = rsa().getPublic();
        KeyPair other = rsa();
        Path key = dir.resolve("other.pem");
        Files.writeString(key, pem("PRIVATE KEY", other.getPrivate().getEncoded()));
        try (OktaConnector okta = OktaConnector.create(settings(key).build())) {
            assertThatThrownBy(okta::check).isInstanceOfSatisfying(ConnectorException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
                assertThat(e.getMessage()).contains(base).contains(CLIENT_ID).contains("invalid_client")
                        .contains("signature is invalid").doesNotContain(tokenRequests.get(0).get("client_assertion"));
            });
        }
        assertThat(apiCalls.get()).isZero();
    }

    @Test
    void aDpopProofOktaKeepsRefusingEndsWithAClearError(@TempDir Path dir) throws Exception {
        KeyPair kp = rsa();
        registered = kp.getPublic();
        requireDpop = true;
        refuseTokenProofs = true;
        Path key = dir.resolve("key.pem");
        Files.writeString(key, pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
        assertThatThrownBy(() -> OktaConnector.export(settings(key).build(), dir.resolve("out")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
                    assertThat(e.getMessage()).contains("refused the DPoP proof").contains("invalid_dpop_proof");
                });
        // the first answer turns DPoP on; the second, with a proof, still refuses: no third try
        assertThat(new ArrayList<>(tokenRequests)).hasSize(2);
    }

    @Test
    void anApiThatAsksForADpopNonceGetsItWithoutANewToken(@TempDir Path dir) throws Exception {
        KeyPair kp = rsa();
        registered = kp.getPublic();
        requireDpop = true;
        apiWantsNonce = true;
        Path key = dir.resolve("key.pem");
        Files.writeString(key, pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
        ExportSummary summary = OktaConnector.export(settings(key).build(), dir.resolve("out"));
        assertThat(summary.rowsPerTable()).containsEntry("OAuth_users", 2L);
        // the handshake (proof missing, then a DPoP token); the nonce request did not cost the token
        assertThat(tokenRequests).hasSize(2);
        assertThat(authorizations).filteredOn(a -> !a.equals("null")).allMatch(a -> a.equals("DPoP at-1"));
        assertThat(apiProofNonces).contains("").endsWith("n-api");
        assertThat(apiProofNonces.stream().filter(String::isEmpty).count()).isLessThanOrEqualTo(8); // one per thread
    }

    @Test
    void anApiThatRefusesTheDpopProofIsAnAuthenticationError(@TempDir Path dir) throws Exception {
        KeyPair kp = rsa();
        registered = kp.getPublic();
        requireDpop = true;
        apiRefusesProofs = true;
        Path key = dir.resolve("key.pem");
        Files.writeString(key, pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
        assertThatThrownBy(() -> OktaConnector.export(settings(key).build(), dir.resolve("out")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
                    assertThat(e.getMessage()).contains("refused the DPoP proof").contains("'htu' claim");
                });
        assertThat(tokenRequests).hasSize(2); // a refused proof is not a revoked token: no renewal
    }
}
