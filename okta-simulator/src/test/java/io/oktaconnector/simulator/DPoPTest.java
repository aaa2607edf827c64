package io.oktaconnector.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** DPoP (RFC 9449) as Okta runs it for service apps that require it: the token handshake and API proofs. */
class DPoPTest {
    static final String CLIENT = "0oadpop";
    static KeyPair rsa;
    static KeyPair proofKey;
    static OktaSimulator sim;

    @BeforeAll
    static void start() {
        rsa = OAuthKit.rsa();
        proofKey = OAuthKit.ec();
        sim = OktaSimulator.builder().users(4)
                .oauthClient(CLIENT, rsa.getPublic(), Set.of("okta.users.read", "okta.groups.read"))
                .requireDPoP(true).start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static HttpResponse<String> tokenRequest(String proof, String scope) {
        return OAuthKit.post(sim, OAuthKit.encode(OAuthKit.form(OAuthKit.assertion(sim, CLIENT, rsa.getPrivate()),
                scope)), "application/x-www-form-urlencoded", proof);
    }

    private static String nonce() {
        HttpResponse<String> r = tokenRequest(OAuthKit.proof(proofKey, "POST", sim.tokenUrl(), null, null, null),
                "okta.users.read");
        assertThat(r.statusCode()).isEqualTo(400);
        return r.headers().firstValue("DPoP-Nonce").orElseThrow();
    }

    /** A DPoP-bound token, obtained through the whole handshake. */
    private static String dpopToken(String scope) {
        String proof = OAuthKit.proof(proofKey, "POST", sim.tokenUrl(), nonce(), null, null);
        HttpResponse<String> r = tokenRequest(proof, scope);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Http.json(r).get("token_type").asText()).isEqualTo("DPoP");
        return Http.json(r).get("access_token").asText();
    }

    private static HttpResponse<String> get(String path, String token, String proof) {
        return OAuthKit.api(sim, "GET", path, "DPoP " + token, proof, null);
    }

    private static void assertBadProof(HttpResponse<String> r, String description) {
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("DPoP algs=\"RS256 RS384 RS512 ES256 ES384 ES512\", authorization_uri=\"")
                .contains("error=\"invalid_dpop_proof\"")
                .contains("error_description=\"" + description + "\"")
                .contains("resource=\"/api/v1/users\"");
    }

    @Test
    void theHandshakeGoesMissingProofThenNonceThenToken() {
        HttpResponse<String> first = tokenRequest(null, "okta.users.read");
        assertThat(first.statusCode()).isEqualTo(400);
        assertThat(Http.json(first).get("error").asText()).isEqualTo("invalid_dpop_proof");
        assertThat(Http.json(first).get("error_description").asText()).isEqualTo("The DPoP proof JWT header is missing.");

        HttpResponse<String> second = tokenRequest(OAuthKit.proof(proofKey, "POST", sim.tokenUrl(), null, null, null),
                "okta.users.read");
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(Http.json(second).get("error").asText()).isEqualTo("use_dpop_nonce");
        String nonce = second.headers().firstValue("DPoP-Nonce").orElseThrow();

        HttpResponse<String> wrongNonce = tokenRequest(OAuthKit.proof(proofKey, "POST", sim.tokenUrl(), "stale",
                null, null), "okta.users.read");
        assertThat(Http.json(wrongNonce).get("error").asText()).isEqualTo("use_dpop_nonce");
        assertThat(wrongNonce.headers().firstValue("DPoP-Nonce")).hasValue(nonce);

        HttpResponse<String> third = tokenRequest(OAuthKit.proof(proofKey, "POST", sim.tokenUrl(), nonce, null, null),
                "okta.users.read");
        assertThat(third.statusCode()).as(third.body()).isEqualTo(200);
        JsonNode body = Http.json(third);
        assertThat(body.get("token_type").asText()).isEqualTo("DPoP");
        String token = body.get("access_token").asText();

        String path = "/api/v1/users";
        HttpResponse<String> users = get(path + "?limit=3", token,
                OAuthKit.proof(proofKey, "GET", sim.baseUrl() + path, null, token, null));
        assertThat(users.statusCode()).as(users.body()).isEqualTo(200);
        assertThat(Http.json(users)).hasSize(3);
    }

    @Test
    void tokenRequestProofsAreChecked() {
        String nonce = nonce();
        HttpResponse<String> wrongHtu = tokenRequest(OAuthKit.proof(proofKey, "POST",
                sim.baseUrl() + "/oauth2/default/v1/token", nonce, null, null), "okta.users.read");
        assertThat(Http.json(wrongHtu).get("error").asText()).isEqualTo("invalid_dpop_proof");
        assertThat(Http.json(wrongHtu).get("error_description").asText())
                .isEqualTo("'htu' claim in the DPoP proof JWT is invalid.");
        HttpResponse<String> wrongHtm = tokenRequest(OAuthKit.proof(proofKey, "GET", sim.tokenUrl(), nonce, null,
                null), "okta.users.read");
        assertThat(Http.json(wrongHtm).get("error_description").asText())
                .isEqualTo("'htm' claim in the DPoP proof JWT is invalid.");
        HttpResponse<String> noTyp = tokenRequest(OAuthKit.proof(proofKey, "POST", sim.tokenUrl(), nonce, null,
                t -> t[0].remove("typ")), "okta.users.read");
        assertThat(Http.json(noTyp).get("error").asText()).isEqualTo("invalid_dpop_proof");
        HttpResponse<String> privateJwk = tokenRequest(OAuthKit.proof(proofKey, "POST", sim.tokenUrl(), nonce, null,
                t -> ((com.fasterxml.jackson.databind.node.ObjectNode) t[0].get("jwk")).put("d", "AAAA")),
                "okta.users.read");
        assertThat(Http.json(privateJwk).get("error").asText()).isEqualTo("invalid_dpop_proof");
        HttpResponse<String> old = tokenRequest(OAuthKit.proof(proofKey, "POST", sim.tokenUrl(), nonce, null,
                t -> t[1].put("iat", Instant.now().minus(Duration.ofMinutes(10)).getEpochSecond())), "okta.users.read");
        assertThat(Http.json(old).get("error_description").asText())
                .isEqualTo("'iat' claim in the DPoP proof JWT is invalid.");
        // a proof signed by another key than the jwk it names
        KeyPair other = OAuthKit.ec();
        String forged = OAuthKit.proof(other, "POST", sim.tokenUrl(), nonce, null, null);
        String named = OAuthKit.proof(proofKey, "POST", sim.tokenUrl(), nonce, null, null);
        String mixed = named.substring(0, named.indexOf('.')) + forged.substring(forged.indexOf('.'));
        assertThat(Http.json(tokenRequest(mixed, "okta.users.read")).get("error_description").asText())
                .isEqualTo("The DPoP proof JWT signature is invalid.");
        // the client assertion is still checked first
        HttpResponse<String> wrongClient = OAuthKit.post(sim, OAuthKit.encode(OAuthKit.form(
                OAuthKit.assertion(sim, CLIENT, OAuthKit.otherRsa().getPrivate()), "okta.users.read")),
                "application/x-www-form-urlencoded", named);
        assertThat(wrongClient.statusCode()).isEqualTo(401);
    }

    @Test
    void apiCallsNeedTheDPoPSchemeAndAProofBoundToTheToken() {
        String token = dpopToken("okta.users.read");
        String url = sim.baseUrl() + "/api/v1/users";
        String path = "/api/v1/users";

        HttpResponse<String> asBearer = OAuthKit.bearer(sim, "GET", path, token);
        assertThat(asBearer.statusCode()).isEqualTo(401);
        assertThat(Http.json(asBearer).get("errorCode").asText()).isEqualTo("E0000011");

        assertBadProof(get(path, token, null), "The DPoP proof JWT header is missing.");
        assertBadProof(get(path, token, OAuthKit.proof(proofKey, "GET", url, null, "another-token", null)),
                "'ath' claim in the DPoP proof JWT is invalid.");
        assertBadProof(get(path, token, OAuthKit.proof(proofKey, "GET", url, null, null, null)),
                "'ath' claim in the DPoP proof JWT is invalid.");
        assertBadProof(get(path, token, OAuthKit.proof(proofKey, "GET", sim.baseUrl() + "/api/v1/groups", null, token,
                null)), "'htu' claim in the DPoP proof JWT is invalid.");
        assertBadProof(get(path, token, OAuthKit.proof(proofKey, "POST", url, null, token, null)),
                "'htm' claim in the DPoP proof JWT is invalid.");
        assertBadProof(get(path, token, OAuthKit.proof(OAuthKit.ec(), "GET", url, null, token, null)),
                "The DPoP proof JWT key does not match the access token's binding.");
        HttpResponse<String> bad = get(path, token, null);
        assertThat(bad.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("scope=\"okta.users.read\"");
        assertThat(bad.body()).isEmpty();

        String proof = OAuthKit.proof(proofKey, "GET", url, null, token, null);
        assertThat(get(path + "?limit=1", token, proof).statusCode()).isEqualTo(200);
        assertBadProof(get(path + "?limit=1", token, proof), "The DPoP proof JWT has already been used.");
    }

    @Test
    void scopesAreEnforcedWithADPoPChallenge() {
        String token = dpopToken("okta.users.read");
        String url = sim.baseUrl() + "/api/v1/groups";
        HttpResponse<String> r = get("/api/v1/groups", token, OAuthKit.proof(proofKey, "GET", url, null, token, null));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(Http.json(r).get("errorCode").asText()).isEqualTo("E0000006");
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("DPoP algs=").contains("error=\"insufficient_scope\"").contains("scope=\"okta.groups.read\"");
    }

    @Test
    void htuIsComparedWithTheDecodedPath() {
        String token = dpopToken("okta.users.read");
        String login = sim.org().users().findFirst().orElseThrow().at("/profile/login").asText();
        String encoded = "/api/v1/users/" + login.replace("@", "%40");
        HttpResponse<String> decoded = get(encoded, token, OAuthKit.proof(proofKey, "GET",
                sim.baseUrl() + "/api/v1/users/" + login, null, token, null));
        assertThat(decoded.statusCode()).as(decoded.body()).isEqualTo(200);
        // as Okta does (okta-sdk-python #541): the percent-encoded form is refused
        assertThat(get(encoded, token, OAuthKit.proof(proofKey, "GET", sim.baseUrl() + encoded, null, token, null))
                .statusCode()).isEqualTo(400);
    }
}
