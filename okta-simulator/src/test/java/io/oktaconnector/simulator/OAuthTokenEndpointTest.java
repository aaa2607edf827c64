package io.oktaconnector.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /oauth2/v1/token}: client credentials with private_key_jwt, as Okta's org authorization server. */
class OAuthTokenEndpointTest {
    static final String CLIENT = "0oaexporter";
    static final String KID_CLIENT = "0oawithkid";
    static final String EC_CLIENT = "0oaec";
    static KeyPair rsa;
    static KeyPair ec;
    static OktaSimulator sim;

    @BeforeAll
    static void start() {
        rsa = OAuthKit.rsa();
        ec = OAuthKit.ec();
        sim = OktaSimulator.builder().users(5)
                .oauthClient(CLIENT, rsa.getPublic(), Set.of("okta.users.read", "okta.groups.read"))
                .oauthClient(KID_CLIENT, "kid-1", rsa.getPublic(), Set.of("okta.users.read"))
                .oauthClient(EC_CLIENT, ec.getPublic(), Set.of("okta.users.manage"))
                .start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static HttpResponse<String> request(String assertion, String scope) {
        return OAuthKit.tokenRequest(sim, assertion, scope);
    }

    private static String assertion(java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode[]> t) {
        return OAuthKit.assertion(CLIENT, sim.tokenUrl(), rsa.getPrivate(), "RS256", Instant.now(), t);
    }

    private static void assertOAuthError(HttpResponse<String> r, int status, String error, String description) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = Http.json(r);
        assertThat(body.get("error").asText()).isEqualTo(error);
        if (description != null) {
            assertThat(body.get("error_description").asText()).isEqualTo(description);
        }
        assertThat(body.has("errorCode")).as("OAuth errors are not Okta API errors").isFalse();
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.headers().firstValue("X-Okta-Request-Id")).isPresent();
    }

    @Test
    void validAssertionGetsABearerTokenThatReadsUsers() {
        long before = sim.counters().accessTokensIssued();
        HttpResponse<String> r = request(assertion(null), "okta.users.read");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = Http.json(r);
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(body.get("scope").asText()).isEqualTo("okta.users.read");
        String token = body.get("access_token").asText();
        assertThat(token).hasSizeGreaterThan(40).doesNotContain(" ");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.headers().firstValue("Pragma")).hasValue("no-cache");
        assertThat(r.headers().firstValue("X-Rate-Limit-Limit")).isPresent();
        assertThat(sim.counters().accessTokensIssued()).isEqualTo(before + 1);

        HttpResponse<String> users = OAuthKit.bearer(sim, "GET", "/api/v1/users?limit=2", token);
        assertThat(users.statusCode()).as(users.body()).isEqualTo(200);
        assertThat(Http.json(users)).hasSize(2);

        RecordedRequest tokenCall = sim.requests().matching(q -> q.requestId().equals(
                r.headers().firstValue("X-Okta-Request-Id").orElseThrow())).get(0);
        assertThat(tokenCall.bucket()).isEqualTo(RateLimitBucket.ORG_AUTHORIZATION_SERVER);
        assertThat(tokenCall.clientId()).isEqualTo(CLIENT);
        assertThat(tokenCall.authorized()).isTrue();
        assertThat(tokenCall.body()).contains("client_assertion=[hidden]").contains("grant_type=client_credentials")
                .doesNotContain("eyJ");
        RecordedRequest apiCall = sim.requests().matching(q -> q.requestId().equals(
                users.headers().firstValue("X-Okta-Request-Id").orElseThrow())).get(0);
        assertThat(apiCall.clientId()).isEqualTo(CLIENT);
        assertThat(apiCall.authorized()).isTrue();
        assertThat(apiCall.header("Authorization")).isEqualTo("Bearer [hidden]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "RS384", "RS512"})
    void everyRsaAlgorithmIsAccepted(String alg) {
        String a = OAuthKit.assertion(CLIENT, sim.tokenUrl(), rsa.getPrivate(), alg, Instant.now(), null);
        assertThat(request(a, "okta.users.read okta.groups.read").statusCode()).isEqualTo(200);
    }

    @Test
    void es256AssertionFromAnEcKeyIsAccepted() {
        String a = OAuthKit.assertion(EC_CLIENT, sim.tokenUrl(), ec.getPrivate(), "ES256", Instant.now(), null);
        HttpResponse<String> r = request(a, "okta.users.manage");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Http.json(r).get("scope").asText()).isEqualTo("okta.users.manage");
    }

    @Test
    void wrongKeyIsInvalidClient() {
        String a = OAuthKit.assertion(CLIENT, sim.tokenUrl(), OAuthKit.otherRsa().getPrivate(), "RS256",
                Instant.now(), null);
        assertOAuthError(request(a, "okta.users.read"), 401, "invalid_client",
                "The client_assertion signature is invalid.");
    }

    @Test
    void algorithmThatDoesNotFitTheKeyIsInvalidClient() {
        // an ES256 header over an RSA signature, and "none"
        String rsaSigned = assertion(null);
        String[] parts = rsaSigned.split("\\.");
        String es = OAuthKit.b64("{\"alg\":\"ES256\"}".getBytes()) + "." + parts[1] + "." + parts[2];
        assertOAuthError(request(es, "okta.users.read"), 401, "invalid_client",
                "The client_assertion signature is invalid.");
        String none = OAuthKit.b64("{\"alg\":\"none\"}".getBytes()) + "." + parts[1] + ".";
        assertOAuthError(request(none, "okta.users.read"), 401, "invalid_client", null);
    }

    @Test
    void expiredAssertionIsInvalidClient() {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        String a = OAuthKit.assertion(CLIENT, sim.tokenUrl(), rsa.getPrivate(), "RS256", past, null);
        assertOAuthError(request(a, "okta.users.read"), 401, "invalid_client", "The client_assertion token is expired.");
    }

    @Test
    void expiryMoreThanAnHourAheadIsInvalidClient() {
        String a = assertion(t -> t[1].put("exp", Instant.now().plus(Duration.ofMinutes(65)).getEpochSecond()));
        assertOAuthError(request(a, "okta.users.read"), 401, "invalid_client",
                "The client_assertion token has an expiration too far into the future.");
        String hour = assertion(t -> t[1].put("exp", Instant.now().plus(Duration.ofMinutes(60)).getEpochSecond()));
        assertThat(request(hour, "okta.users.read").statusCode()).isEqualTo(200);
    }

    @Test
    void missingExpOrFutureIatIsInvalidClient() {
        assertOAuthError(request(assertion(t -> t[1].remove("exp")), "okta.users.read"), 401, "invalid_client", null);
        String future = assertion(t -> t[1].put("iat", Instant.now().plus(Duration.ofMinutes(10)).getEpochSecond()));
        assertOAuthError(request(future, "okta.users.read"), 401, "invalid_client", null);
    }

    @Test
    void replayedJtiIsInvalidClientButAnAssertionWithoutJtiMayBeReused() {
        String a = assertion(null);
        assertThat(request(a, "okta.users.read").statusCode()).isEqualTo(200);
        assertOAuthError(request(a, "okta.users.read"), 401, "invalid_client",
                "The client_assertion token has already been used.");
        // the jti is spent even when the request fails after authentication (here: a scope not granted)
        String b = assertion(null);
        assertOAuthError(request(b, "okta.apps.read"), 400, "invalid_scope", null);
        assertOAuthError(request(b, "okta.users.read"), 401, "invalid_client",
                "The client_assertion token has already been used.");
        // jti is optional in Okta's assertion rules; without one nothing can be tracked
        String noJti = assertion(t -> t[1].remove("jti"));
        assertThat(request(noJti, "okta.users.read").statusCode()).isEqualTo(200);
        assertThat(request(noJti, "okta.users.read").statusCode()).isEqualTo(200);
    }

    @Test
    void wrongAudienceIsInvalidClientAndAStringAudienceIsFine() {
        String wrong = assertion(t -> t[1].putArray("aud").add("https://other.okta.com/oauth2/v1/token"));
        assertOAuthError(request(wrong, "okta.users.read"), 401, "invalid_client",
                "The audience claim for client_assertion must be the endpoint invoked for the request.");
        String customServer = assertion(t -> t[1].put("aud", sim.baseUrl() + "/oauth2/default/v1/token"));
        assertOAuthError(request(customServer, "okta.users.read"), 401, "invalid_client", null);
        String plain = assertion(t -> t[1].put("aud", sim.tokenUrl()));
        assertThat(request(plain, "okta.users.read").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownClientOrIssuerNotSubjectIsInvalidClient() {
        String unknown = OAuthKit.assertion("0oanobody", sim.tokenUrl(), rsa.getPrivate(), "RS256", Instant.now(), null);
        assertOAuthError(request(unknown, "okta.users.read"), 401, "invalid_client",
                "Invalid value for 'client_id' parameter.");
        String mixed = assertion(t -> t[1].put("sub", "someone-else"));
        assertOAuthError(request(mixed, "okta.users.read"), 401, "invalid_client", null);
        Map<String, String> form = OAuthKit.form(assertion(null), "okta.users.read");
        form.put("client_id", KID_CLIENT);
        assertOAuthError(OAuthKit.tokenRequest(sim, form), 401, "invalid_client", null);
    }

    @Test
    void keyIdMustMatchWhenTheClientHasOne() {
        String wrongKid = OAuthKit.assertion(KID_CLIENT, sim.tokenUrl(), rsa.getPrivate(), "RS256", Instant.now(),
                t -> t[0].put("kid", "kid-2"));
        assertOAuthError(request(wrongKid, "okta.users.read"), 401, "invalid_client",
                "The client_assertion JWT kid is invalid.");
        String rightKid = OAuthKit.assertion(KID_CLIENT, sim.tokenUrl(), rsa.getPrivate(), "RS256", Instant.now(),
                t -> t[0].put("kid", "kid-1"));
        assertThat(request(rightKid, "okta.users.read").statusCode()).isEqualTo(200);
        String noKid = OAuthKit.assertion(KID_CLIENT, sim.tokenUrl(), rsa.getPrivate(), "RS256", Instant.now(), null);
        assertThat(request(noKid, "okta.users.read").statusCode()).isEqualTo(200);
    }

    @Test
    void scopesMustBeRequestedAndGranted() {
        assertOAuthError(request(assertion(null), "okta.users.read okta.users.manage"), 400, "invalid_scope",
                "The following scopes are not allowed for this request: [okta.users.manage].");
        assertOAuthError(request(assertion(null), "openid"), 400, "invalid_scope",
                "One or more scopes are not configured for the authorization server resource.");
        assertOAuthError(request(assertion(null), null), 400, "invalid_scope", null);
        HttpResponse<String> both = request(assertion(null), "okta.groups.read okta.users.read");
        assertThat(Http.json(both).get("scope").asText()).isEqualTo("okta.groups.read okta.users.read");
    }

    @Test
    void malformedRequestsAreInvalidRequestOrGrantErrors() {
        Map<String, String> noGrant = OAuthKit.form(assertion(null), "okta.users.read");
        noGrant.remove("grant_type");
        assertOAuthError(OAuthKit.tokenRequest(sim, noGrant), 400, "invalid_request", null);

        Map<String, String> password = OAuthKit.form(assertion(null), "okta.users.read");
        password.put("grant_type", "password");
        assertOAuthError(OAuthKit.tokenRequest(sim, password), 400, "unauthorized_client", null);

        Map<String, String> invented = OAuthKit.form(assertion(null), "okta.users.read");
        invented.put("grant_type", "magic");
        assertOAuthError(OAuthKit.tokenRequest(sim, invented), 400, "unsupported_grant_type", null);

        Map<String, String> wrongType = OAuthKit.form(assertion(null), "okta.users.read");
        wrongType.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:saml2-bearer");
        assertOAuthError(OAuthKit.tokenRequest(sim, wrongType), 400, "invalid_request", null);

        Map<String, String> noAssertion = OAuthKit.form(assertion(null), "okta.users.read");
        noAssertion.remove("client_assertion");
        assertOAuthError(OAuthKit.tokenRequest(sim, noAssertion), 401, "invalid_client", null);

        assertOAuthError(request("not-a-jwt", "okta.users.read"), 401, "invalid_client", null);

        String body = OAuthKit.encode(OAuthKit.form(assertion(null), "okta.users.read"));
        assertOAuthError(OAuthKit.post(sim, body, "application/json", null), 400, "invalid_request", null);
        assertOAuthError(OAuthKit.post(sim, body + "&scope=okta.groups.read",
                "application/x-www-form-urlencoded", null), 400, "invalid_request", null);

        HttpResponse<String> get = OAuthKit.api(sim, "GET", "/oauth2/v1/token", null, null, null);
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void tokenRequestsAreNeverSentToTheManagementBuckets() {
        long before = sim.counters().requests(RateLimitBucket.ORG_AUTHORIZATION_SERVER);
        long users = sim.counters().requests(RateLimitBucket.USERS);
        request(assertion(null), "okta.users.read");
        assertThat(sim.counters().requests(RateLimitBucket.ORG_AUTHORIZATION_SERVER)).isEqualTo(before + 1);
        assertThat(sim.counters().requests(RateLimitBucket.USERS)).isEqualTo(users);
    }
}
