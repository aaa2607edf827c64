package io.oktaconnector.simulator;

import com.okta.sdk.cache.Caches;
import com.okta.sdk.client.AuthorizationMode;
import com.okta.sdk.client.ClientBuilder;
import com.okta.sdk.client.Clients;
import com.okta.sdk.helper.ApiExceptionHelper;
import com.okta.sdk.resource.api.GroupApi;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.client.ApiException;
import com.okta.sdk.resource.model.User;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The real okta-sdk-java 24.0.0 in PRIVATE_KEY mode against the simulator's authorization server: it gets
 * a token, reads users, meets Okta's scope and token errors, and completes the DPoP handshake.
 */
class OktaSdkOAuthTest {
    static final String CLIENT = "0oasdkclient";

    private static ClientBuilder sdk(OktaSimulator sim, Set<String> scopes) {
        // the SDK reads this only in the builder's constructor: set it before Clients.builder()
        System.setProperty("okta.testing.disableHttpsCheck", "true");
        return Clients.builder().setOrgUrl(sim.baseUrl())
                .setAuthorizationMode(AuthorizationMode.PRIVATE_KEY)
                .setClientId(CLIENT)
                .setScopes(scopes)
                .setCacheManager(Caches.newDisabledCacheManager())
                .setRetryMaxAttempts(0);
    }

    private static long tokenRequests(OktaSimulator sim) {
        return sim.requests().count(r -> r.path().equals("/oauth2/v1/token"));
    }

    /** What a plain list returns: every user but the DEPROVISIONED ones. */
    private static long listed(OktaSimulator sim) {
        return sim.org().users().filter(u -> !u.get("status").asText().equals("DEPROVISIONED")).count();
    }

    private static List<User> users(ApiClient client) {
        return new UserApi(client).listUsers(null, null, null, 200, null, null, null, null);
    }

    @Test
    void privateKeyModeGetsABearerTokenAndListsUsers() {
        KeyPair kp = OAuthKit.rsa();
        try (OktaSimulator sim = OktaSimulator.builder().users(7)
                .oauthClient(CLIENT, "kid-sdk", kp.getPublic(), Set.of("okta.users.read")).start()) {
            ApiClient client = sdk(sim, Set.of("okta.users.read")).setPrivateKey(kp.getPrivate()).setKid("kid-sdk")
                    .build();
            assertThat(tokenRequests(sim)).isEqualTo(1);
            assertThat(users(client)).hasSize((int) listed(sim)).isNotEmpty();
            assertThat(users(client)).hasSize((int) listed(sim)).isNotEmpty();
            assertThat(tokenRequests(sim)).as("the token is reused").isEqualTo(1);
            assertThat(sim.requests().matching(r -> r.path().equals("/api/v1/users")))
                    .allSatisfy(r -> {
                        assertThat(r.header("Authorization")).isEqualTo("Bearer [hidden]");
                        assertThat(r.clientId()).isEqualTo(CLIENT);
                        assertThat(r.status()).isEqualTo(200);
                    });

            // a scope the token lacks: Okta's 403, surfaced by the SDK as an ApiException
            assertThatThrownBy(() -> new GroupApi(client).listGroups(null, null, null, 10, null, null, null, null))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(403);
                        assertThat(ApiExceptionHelper.getError(e).getErrorCode()).isEqualTo("E0000006");
                    });

            // revoked server-side: 401, and the SDK does not fetch a new token by itself
            sim.revokeAccessTokens();
            assertThatThrownBy(() -> users(client)).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.getCode()).isEqualTo(401));
            assertThat(tokenRequests(sim)).isEqualTo(1);
        }
    }

    @Test
    void es256FromAPkcs8PemIsVerified() {
        KeyPair ec = OAuthKit.ec();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(ec.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        try (OktaSimulator sim = OktaSimulator.builder().users(3)
                .oauthClient(CLIENT, ec.getPublic(), Set.of("okta.users.manage")).start()) {
            ApiClient client = sdk(sim, Set.of("okta.users.manage")).setPrivateKey(pem).build();
            assertThat(users(client)).hasSize((int) listed(sim)).isNotEmpty();
        }
    }

    @Test
    void refusedAssertionFailsTheBuild() {
        KeyPair kp = OAuthKit.rsa();
        try (OktaSimulator sim = OktaSimulator.builder().users(3)
                .oauthClient(CLIENT, kp.getPublic(), Set.of("okta.users.read")).start()) {
            assertThatThrownBy(() -> sdk(sim, Set.of("okta.users.read")).setPrivateKey(OAuthKit.otherRsa().getPrivate())
                    .build()).hasMessageContaining("invalid_client");
            assertThatThrownBy(() -> sdk(sim, Set.of("okta.users.manage")).setPrivateKey(kp.getPrivate()).build())
                    .hasMessageContaining("invalid_scope");
            assertThat(sim.counters().accessTokensIssued()).isZero();
        }
    }

    @Test
    void theSdkCompletesTheDPoPHandshakeAndSignsEveryCall() {
        KeyPair kp = OAuthKit.rsa();
        try (OktaSimulator sim = OktaSimulator.builder().users(5).requireDPoP(true)
                .oauthClient(CLIENT, kp.getPublic(), Set.of("okta.users.read")).start()) {
            ApiClient client = sdk(sim, Set.of("okta.users.read")).setPrivateKey(kp.getPrivate()).build();
            // invalid_dpop_proof, use_dpop_nonce, then the token: three token requests, each with its own assertion
            assertThat(sim.requests().matching(r -> r.path().equals("/oauth2/v1/token")))
                    .extracting(RecordedRequest::status).containsExactly(400, 400, 200);
            assertThat(users(client)).hasSize((int) listed(sim)).isNotEmpty();
            assertThat(users(client)).hasSize((int) listed(sim)).isNotEmpty();
            assertThat(sim.requests().matching(r -> r.path().equals("/api/v1/users")))
                    .hasSize(2)
                    .allSatisfy(r -> {
                        assertThat(r.header("Authorization")).isEqualTo("DPoP [hidden]");
                        assertThat(r.header("DPoP")).isNotNull();
                        assertThat(r.status()).isEqualTo(200);
                    });
        }
    }
}
