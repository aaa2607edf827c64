package io.oktaconnector.okta;

import com.sun.net.httpserver.HttpServer;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.internal.http.OktaClientFactory;
import io.oktaconnector.okta.internal.http.OktaHttp;
import io.oktaconnector.okta.internal.http.RequestStats;
import io.oktaconnector.okta.internal.http.SimpleRetryPolicy;
import io.oktaconnector.okta.internal.oauth.OAuthScopes;
import io.oktaconnector.okta.testing.FakeTokenServer;
import io.oktaconnector.okta.testing.LoopbackProxy;
import io.oktaconnector.simulator.OktaSimulator;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * OAuth private_key_jwt, scopes, token renewal, proxy and origin guards, end to end: the real SDK client over real
 * HTTP to the simulator, behind a loopback token endpoint ({@link FakeTokenServer}) while the simulator has none.
 */
class CredentialsAcceptanceTest {
    static final String CLIENT = "0oaCredentialsTest";
    static final String SSWS = "00tok-credentials-5d1e";
    static final List<String> FILES = List.of("_users.csv", "_groups.csv", "_apps.csv", "_groupsusers.csv",
            "_groupsapps.csv");

    static OktaSimulator sim;
    static KeyPair keys;
    static KeyPair otherKeys;
    @TempDir
    static Path shared;
    static Path pem;
    static Path reference;

    FakeTokenServer front;

    @BeforeAll
    static void start() throws Exception {
        sim = OktaSimulator.builder().seed(7).users(420).groups(25).apps(6).token(SSWS).start();
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        keys = g.generateKeyPair();
        otherKeys = g.generateKeyPair();
        pem = shared.resolve("okta-client.pem");
        Files.writeString(pem, pem(keys));
        reference = shared.resolve("reference");
        OktaConnector.export(apiKeySettings("Okta").build(), reference);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void front() throws IOException {
        front = new FakeTokenServer(CLIENT, keys.getPublic(), union(OAuthScopes.EXPORT, OAuthScopes.FULFILL));
        front.forwardTo(sim.baseUrl(), SSWS);
    }

    @AfterEach
    void closeFront() {
        front.close();
    }

    static String pem(KeyPair k) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(k.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    static OktaSettings.Builder apiKeySettings(String id) {
        return OktaSettings.builder().connectionId(id).server(sim.baseUrl()).apiKey(Secret.of(SSWS))
                .allowInsecureHttp(true);
    }

    OktaSettings.Builder oauthSettings() {
        return OktaSettings.builder().connectionId("Okta").server(front.baseUrl()).allowInsecureHttp(true)
                .oauth(CLIENT, pem, null).keyId("kid-7");
    }

    static void assertSameExport(Path dir) throws IOException {
        for (String f : FILES) { // rows of the link tables arrive in completion order: compare as sets
            List<String> got = Files.readAllLines(dir.resolve("Okta" + f));
            List<String> want = Files.readAllLines(reference.resolve("Okta" + f));
            assertThat(got.get(0)).as(f).isEqualTo(want.get(0));
            assertThat(got).as(f).hasSameSizeAs(want).containsExactlyInAnyOrderElementsOf(want);
        }
    }

    @Test
    void oauthExportAsksOnlyForReadScopesAndMatchesTheApiTokenExport(@TempDir Path out) throws Exception {
        OktaConnector.export(oauthSettings().build(), out);
        assertSameExport(out);
        assertThat(front.tokenRequests()).isEqualTo(1);
        assertThat(Set.of(front.tokenForms().get(0).get("scope").split(" "))).isEqualTo(OAuthScopes.EXPORT);
        assertThat(front.assertionHeaders().get(0).get("kid").asText()).isEqualTo("kid-7");
        assertThat(front.apiRequests()).isGreaterThan(20);
    }

    @Test
    void aTokenThatExpiresMidExportIsRenewedAndTheExportCompletes(@TempDir Path out) throws Exception {
        front.revokeAtApiRequest(12);
        OktaConnector.export(oauthSettings().maxConcurrency(4).build(), out);
        assertSameExport(out);
        assertThat(front.tokenRequests()).isEqualTo(2);
    }

    @Test
    void anEndpointWhoseScopeTheTokenLacksIsPermissionDenied(@TempDir Path out) {
        OktaSettings s = oauthSettings().scopes(List.of("okta.users.read", "okta.groups.read", "okta.apps.read")).build();
        assertThatThrownBy(() -> OktaConnector.export(s, out))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
                    assertThat(e.getMessage()).contains("E0000006", "schemas");
                });
        assertThat(out.resolve("Okta_users.csv")).doesNotExist();
    }

    @Test
    void aScopeNotGrantedToTheAppIsRefusedAtTheTokenEndpoint() throws Exception {
        front.close();
        front = new FakeTokenServer(CLIENT, keys.getPublic(), Set.of("okta.users.read", "okta.groups.read"));
        try (OktaConnector okta = OktaConnector.create(oauthSettings().build())) {
            assertThatThrownBy(okta::check).isInstanceOfSatisfying(ConnectorException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
                assertThat(e.getMessage()).contains("invalid_scope", "okta.schemas.read");
            });
        }
    }

    @Test
    void aKeyTheAppDoesNotKnowIsAnAuthenticationError(@TempDir Path dir) throws Exception {
        Path wrong = dir.resolve("wrong.pem");
        Files.writeString(wrong, pem(otherKeys));
        try (OktaConnector okta = OktaConnector.create(oauthSettings().oauth(CLIENT, wrong, null).build())) {
            assertThatThrownBy(okta::check).isInstanceOfSatisfying(ConnectorException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
                assertThat(e.getMessage()).contains("invalid_client", CLIENT);
            });
        }
        assertThat(front.apiRequests()).isZero();
    }

    @Test
    void anUnreadableKeyFailsAtCreationNamingTheKey(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.pem");
        Files.writeString(broken, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> OktaConnector.create(oauthSettings().oauth(CLIENT, broken, null).build()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SETTINGS);
                    assertThat(e.getMessage()).startsWith("Connections.Okta.PrivateKeyPath: ");
                });
        assertThat(front.tokenRequests()).isZero();
    }

    @Test
    void inlinePemWorksToo(@TempDir Path out) throws Exception {
        OktaSettings s = oauthSettings().oauth(CLIENT, null, Secret.of("\n  " + pem(keys))).build();
        try (OktaConnector okta = OktaConnector.create(s)) {
            okta.check();
        }
        assertThat(front.tokenRequests()).isEqualTo(1);
    }

    @Test
    void writesWithoutAnOperationScopeAskForManageScopes() throws Exception {
        OktaSettings s = oauthSettings().build();
        try (OktaClientFactory.Built built = OktaClientFactory.create(s)) {
            OktaHttp http = new OktaHttp(built.apiClient(), s.server(), SimpleRetryPolicy.defaults(), new RequestStats());
            var body = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
            body.putObject("profile").put("name", "oauth-created-group").put("description", "by a manage token");
            assertThat(http.send("POST", "/api/v1/groups", List.of(), body).body().get("id").asText()).startsWith("00g");
            http.get("/api/v1/groups", List.of());
        }
        assertThat(front.tokenForms()).hasSize(2);
        assertThat(Set.of(front.tokenForms().get(0).get("scope").split(" "))).isEqualTo(OAuthScopes.FULFILL);
        assertThat(Set.of(front.tokenForms().get(1).get("scope").split(" "))).isEqualTo(OAuthScopes.EXPORT);
    }

    @Test
    void aProxyWithCredentialsSeesAllTheTraffic(@TempDir Path out, @TempDir Path direct) throws Exception {
        try (LoopbackProxy proxy = new LoopbackProxy("proxy-user", "proxy-Pa55")) {
            long before = sim.requests().size();
            OktaConnector.export(apiKeySettings("Okta")
                    .proxy(new ProxySettings("127.0.0.1", proxy.port(), "proxy-user", Secret.of("proxy-Pa55"))).build(), out);
            assertSameExport(out);
            long made = sim.requests().size() - before;
            assertThat(proxy.forwarded()).hasSize((int) made).allMatch(r -> r.contains(sim.baseUrl() + "/api/v1/"));
            assertThat(proxy.challenged()).isPositive();

            OktaConnector.export(apiKeySettings("Okta").build(), direct);
            assertThat(proxy.forwarded()).hasSize((int) made);
        }
    }

    @Test
    void theOAuthTokenRequestGoesThroughTheProxyToo(@TempDir Path out) throws Exception {
        try (LoopbackProxy proxy = new LoopbackProxy(null, null)) {
            OktaConnector.export(oauthSettings().proxy(new ProxySettings("127.0.0.1", proxy.port(), null, null)).build(), out);
            assertSameExport(out);
            assertThat(proxy.forwarded()).first().isEqualTo("POST " + front.baseUrl() + "/oauth2/v1/token");
            assertThat(proxy.forwarded()).hasSize(1 + front.apiRequests());
        }
    }

    @Test
    void noCredentialReachesAnotherOrigin() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext("/", ex -> {
            seen.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        other.start();
        String foreign = "http://127.0.0.1:" + other.getAddress().getPort() + "/api/v1/users";
        try {
            for (OktaSettings s : List.of(oauthSettings().build(), apiKeySettings("Okta").build())) {
                try (OktaClientFactory.Built built = OktaClientFactory.create(s)) {
                    HttpGet get = new HttpGet(foreign);
                    get.setHeader("Authorization", "SSWS " + SSWS);
                    built.httpClient().execute(get, r -> r.getCode());
                }
            }
        } finally {
            other.stop(0);
        }
        assertThat(seen).containsExactly("null", "null");
        assertThat(front.tokenRequests()).isZero();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }
}
