package io.oktaconnector.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Access tokens on the management API: scopes per endpoint, expiry, revocation, the SSWS token alongside. */
class OAuthAccessTokenTest {
    static final String READER = "0oareader";
    static final String MANAGER = "0oamanager";

    private static OktaSimulator.Builder builder(KeyPair kp) {
        return OktaSimulator.builder().users(6).groups(3).apps(2)
                .oauthClient(READER, kp.getPublic(), Set.of("okta.users.read", "okta.groups.read"))
                .oauthClient(MANAGER, kp.getPublic(), Set.of("okta.users.manage", "okta.groups.manage",
                        "okta.apps.read", "okta.schemas.read"));
    }

    private static void assertOktaError(HttpResponse<String> r, int status, String code, String summary) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode e = Http.json(r);
        assertThat(e.get("errorCode").asText()).isEqualTo(code);
        assertThat(e.get("errorSummary").asText()).isEqualTo(summary);
        assertThat(e.get("errorCauses")).isEmpty();
        assertThat(r.headers().firstValue("X-Rate-Limit-Remaining")).isPresent();
    }

    @Test
    void missingScopeIs403E0000006WithOktasChallengeAndNothingChanges() {
        KeyPair kp = OAuthKit.rsa();
        try (OktaSimulator sim = builder(kp).start()) {
            String token = OAuthKit.accessToken(sim, READER, kp.getPrivate(), "okta.users.read okta.groups.read");
            assertThat(OAuthKit.bearer(sim, "GET", "/api/v1/groups", token).statusCode()).isEqualTo(200);

            HttpResponse<String> apps = OAuthKit.bearer(sim, "GET", "/api/v1/apps", token);
            assertOktaError(apps, 403, "E0000006", "You do not have permission to perform the requested action");
            assertThat(apps.headers().firstValue("WWW-Authenticate")).hasValue("Bearer authorization_uri=\""
                    + sim.baseUrl() + "/oauth2/v1/authorize\", realm=\"" + sim.baseUrl() + "\", scope=\"okta.apps.read\","
                    + " error=\"insufficient_scope\", error_description=\"The access token provided does not contain"
                    + " the required scopes.\", resource=\"/api/v1/apps\"");

            long users = sim.org().users().count();
            HttpResponse<String> create = OAuthKit.api(sim, "POST", "/api/v1/users?activate=false",
                    "Bearer " + token, null, "{\"profile\":{\"login\":\"x@example.com\",\"email\":\"x@example.com\","
                            + "\"firstName\":\"X\",\"lastName\":\"Y\"}}");
            assertOktaError(create, 403, "E0000006", "You do not have permission to perform the requested action");
            assertThat(create.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("scope=\"okta.users.manage\"");
            assertThat(sim.org().users().count()).isEqualTo(users);

            String member = sim.org().users().findFirst().orElseThrow().get("id").asText();
            String group = sim.org().groups().filter(g -> g.get("type").asText().equals("OKTA_GROUP")).findFirst()
                    .orElseThrow().get("id").asText();
            assertOktaError(OAuthKit.bearer(sim, "PUT", "/api/v1/groups/" + group + "/users/" + member, token),
                    403, "E0000006", "You do not have permission to perform the requested action");
            assertOktaError(OAuthKit.bearer(sim, "GET", "/api/v1/meta/schemas/user/default", token),
                    403, "E0000006", "You do not have permission to perform the requested action");
            // a token with only users.read may still read a user's groups (okta.users.read, per Okta's spec)
            assertThat(OAuthKit.bearer(sim, "GET", "/api/v1/users/" + member + "/groups", token).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void manageIncludesReadAndTheTokenCarriesOnlyTheRequestedScopes() {
        KeyPair kp = OAuthKit.rsa();
        try (OktaSimulator sim = builder(kp).start()) {
            String manage = OAuthKit.accessToken(sim, MANAGER, kp.getPrivate(), "okta.users.manage okta.apps.read");
            assertThat(OAuthKit.bearer(sim, "GET", "/api/v1/users", manage).statusCode()).isEqualTo(200);
            assertThat(OAuthKit.bearer(sim, "GET", "/api/v1/apps", manage).statusCode()).isEqualTo(200);
            String user = sim.org().users().findFirst().orElseThrow().get("id").asText();
            assertThat(OAuthKit.bearer(sim, "POST", "/api/v1/users/" + user + "/lifecycle/suspend", manage)
                    .statusCode()).isIn(200, 400);
            // granted to the client, but not requested for this token
            assertThat(OAuthKit.bearer(sim, "GET", "/api/v1/groups", manage).statusCode()).isEqualTo(403);
            assertThat(OAuthKit.bearer(sim, "GET", "/api/v1/meta/schemas/group/default", manage).statusCode())
                    .isEqualTo(403);
        }
    }

    @Test
    void tokenExpiresOnTheInjectableClock() {
        KeyPair kp = OAuthKit.rsa();
        MutableClock clock = new MutableClock(Instant.now());
        try (OktaSimulator sim = builder(kp).clock(clock).accessTokenLifetime(Duration.ofMinutes(10)).start()) {
            HttpResponse<String> r = OAuthKit.tokenRequest(sim, OAuthKit.assertion(sim, READER, kp.getPrivate()),
                    "okta.users.read");
            assertThat(Http.json(r).get("expires_in").asLong()).isEqualTo(600);
            String token = Http.json(r).get("access_token").asText();
            assertThat(OAuthKit.bearer(sim, "GET", "/api/v1/users", token).statusCode()).isEqualTo(200);
            clock.advance(Duration.ofMinutes(9));
            assertThat(OAuthKit.bearer(sim, "GET", "/api/v1/users", token).statusCode()).isEqualTo(200);
            assertThat(sim.activeAccessTokens()).isEqualTo(1);
            clock.advance(Duration.ofMinutes(1));
            assertOktaError(OAuthKit.bearer(sim, "GET", "/api/v1/users", token), 401, "E0000011",
                    "Invalid token provided");
            assertThat(sim.activeAccessTokens()).isZero();
            // a new assertion (signed on the client's clock, still valid on the simulator's) renews it
            String fresh = OAuthKit.accessToken(sim, READER, kp.getPrivate(), "okta.users.read");
            assertThat(OAuthKit.bearer(sim, "GET", "/api/v1/users", fresh).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void revokedTokensAre401AndNewOnesWork() {
        KeyPair kp = OAuthKit.rsa();
        try (OktaSimulator sim = builder(kp).start()) {
            String a = OAuthKit.accessToken(sim, READER, kp.getPrivate(), "okta.users.read");
            String b = OAuthKit.accessToken(sim, MANAGER, kp.getPrivate(), "okta.users.manage");
            assertThat(sim.activeAccessTokens()).isEqualTo(2);
            assertThat(sim.revokeAccessTokens()).isEqualTo(2);
            assertOktaError(OAuthKit.bearer(sim, "GET", "/api/v1/users", a), 401, "E0000011", "Invalid token provided");
            assertOktaError(OAuthKit.bearer(sim, "GET", "/api/v1/users", b), 401, "E0000011", "Invalid token provided");
            RecordedRequest last = sim.requests().all().get(sim.requests().size() - 1);
            assertThat(last.authorized()).isFalse();
            assertThat(last.clientId()).isEmpty();
            String c = OAuthKit.accessToken(sim, READER, kp.getPrivate(), "okta.users.read");
            assertThat(OAuthKit.bearer(sim, "GET", "/api/v1/users", c).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void sswsTokenKeepsWorkingAndUnknownTokensAre401() {
        KeyPair kp = OAuthKit.rsa();
        try (OktaSimulator sim = builder(kp).start()) {
            String token = OAuthKit.accessToken(sim, READER, kp.getPrivate(), "okta.users.read");
            // SSWS may call everything, whatever the OAuth clients hold
            assertThat(new Http(sim).get("/api/v1/apps").statusCode()).isEqualTo(200);
            assertOktaError(OAuthKit.bearer(sim, "GET", "/api/v1/users", token + "x"), 401, "E0000011",
                    "Invalid token provided");
            assertOktaError(OAuthKit.api(sim, "GET", "/api/v1/users", "SSWS " + token, null, null), 401,
                    "E0000011", "Invalid token provided");
            assertOktaError(OAuthKit.bearer(sim, "GET", "/api/v1/users", sim.token()), 401, "E0000011",
                    "Invalid token provided");
            // a bearer token is not a DPoP-bound token
            assertOktaError(OAuthKit.api(sim, "GET", "/api/v1/users", "DPoP " + token, null, null), 401,
                    "E0000011", "Invalid token provided");
        }
    }

    @Test
    void tokenEndpointHasItsOwnRateLimitBucket() {
        KeyPair kp = OAuthKit.rsa();
        RateLimits limits = RateLimits.workforce().bucket(RateLimitBucket.ORG_AUTHORIZATION_SERVER, 2)
                .bucket(RateLimitBucket.USERS, 1000);
        assertThat(RateLimits.workforce().orgLimit(RateLimitBucket.ORG_AUTHORIZATION_SERVER)).isEqualTo(2000);
        MutableClock clock = new MutableClock(Instant.now());
        try (OktaSimulator sim = builder(kp).rateLimits(limits).clock(clock).start()) {
            String token = OAuthKit.accessToken(sim, READER, kp.getPrivate(), "okta.users.read");
            OAuthKit.accessToken(sim, READER, kp.getPrivate(), "okta.users.read");
            HttpResponse<String> third = OAuthKit.tokenRequest(sim, OAuthKit.assertion(sim, READER, kp.getPrivate()),
                    "okta.users.read");
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.headers().firstValue("X-Rate-Limit-Limit")).hasValue("2");
            assertThat(third.headers().firstValue("X-Rate-Limit-Remaining")).hasValue("0");
            assertThat(sim.counters().tooManyRequests(RateLimitBucket.ORG_AUTHORIZATION_SERVER)).isEqualTo(1);
            // the management API is unaffected
            HttpResponse<String> users = OAuthKit.bearer(sim, "GET", "/api/v1/users", token);
            assertThat(users.statusCode()).isEqualTo(200);
            assertThat(users.headers().firstValue("X-Rate-Limit-Limit")).hasValue("1000");
            clock.advance(Duration.ofSeconds(61));
            assertThat(OAuthKit.tokenRequest(sim, OAuthKit.assertion(sim, READER, kp.getPrivate()),
                    "okta.users.read").statusCode()).isEqualTo(200);
        }
    }
}
