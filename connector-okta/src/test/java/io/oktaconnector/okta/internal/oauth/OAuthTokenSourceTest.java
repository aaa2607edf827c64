package io.oktaconnector.okta.internal.oauth;

import com.sun.net.httpserver.HttpServer;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.okta.testing.FakeTokenServer;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OAuthTokenSourceTest {
    private static final String CLIENT = "0oaConnectorTest";
    static KeyPair rsa;
    static KeyPair otherRsa;

    FakeTokenServer okta;
    CloseableHttpClient http;
    MutableClock clock = new MutableClock(Instant.now());

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        rsa = g.generateKeyPair();
        otherRsa = g.generateKeyPair();
    }

    @BeforeEach
    void start() throws Exception {
        okta = new FakeTokenServer(CLIENT, rsa.getPublic(), OAuthScopes.EXPORT, clock);
        http = HttpClients.custom().disableRedirectHandling().disableAutomaticRetries().build();
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        okta.close();
    }

    private OAuthTokenSource source(KeyPair keys, String kid) {
        return source(keys, kid, clock);
    }

    private OAuthTokenSource source(KeyPair keys, String kid, Clock ours) {
        ClientAssertion a = new ClientAssertion(CLIENT, OAuthTokenSource.tokenUrl(okta.baseUrl()), keys.getPrivate(), kid,
                "Connections.Okta.PrivateKey");
        return new OAuthTokenSource(() -> http, okta.baseUrl(), CLIENT, a, ours);
    }

    @Test
    void fetchesATokenWithAVerifiedAssertionAndCachesIt() {
        OAuthTokenSource tokens = source(rsa, "kid-1");
        String token = tokens.token(OAuthScopes.EXPORT);
        assertThat(okta.liveTokens()).containsExactly(token);
        assertThat(okta.tokenForms()).singleElement().satisfies(f -> {
            assertThat(f.get("scope").split(" ")).containsExactlyInAnyOrderElementsOf(OAuthScopes.EXPORT);
            assertThat(f.get("grant_type")).isEqualTo("client_credentials");
        });
        assertThat(okta.assertionHeaders()).singleElement().satisfies(h -> {
            assertThat(h.get("alg").asText()).isEqualTo("RS256");
            assertThat(h.get("kid").asText()).isEqualTo("kid-1");
        });
        assertThat(tokens.token(OAuthScopes.EXPORT)).isEqualTo(token);
        assertThat(okta.tokenRequests()).isEqualTo(1);
    }

    @Test
    void aTokenIsRenewedShortlyBeforeItExpires() {
        okta.expiresIn(3600);
        OAuthTokenSource tokens = source(rsa, null);
        String first = tokens.token(OAuthScopes.EXPORT);
        clock.advance(Duration.ofMinutes(58).plusSeconds(59));
        assertThat(tokens.token(OAuthScopes.EXPORT)).isEqualTo(first);
        clock.advance(Duration.ofSeconds(2)); // 59:01: inside the last minute
        assertThat(tokens.token(OAuthScopes.EXPORT)).isNotEqualTo(first);
        assertThat(okta.tokenRequests()).isEqualTo(2);
    }

    @Test
    void aShortLivedTokenIsStillReused() {
        okta.expiresIn(60); // the SDK asks for a token on every call when expires_in <= 300
        OAuthTokenSource tokens = source(rsa, null);
        String first = tokens.token(OAuthScopes.EXPORT);
        clock.advance(Duration.ofSeconds(44));
        assertThat(tokens.token(OAuthScopes.EXPORT)).isEqualTo(first);
        clock.advance(Duration.ofSeconds(2));
        assertThat(tokens.token(OAuthScopes.EXPORT)).isNotEqualTo(first);
    }

    @Test
    void concurrentCallersShareOneFetch() throws Exception {
        okta.tokenDelay(300);
        OAuthTokenSource tokens = source(rsa, null);
        List<String> got = runConcurrently(16, () -> tokens.token(OAuthScopes.EXPORT));
        assertThat(new HashSet<>(got)).hasSize(1);
        assertThat(okta.tokenRequests()).isEqualTo(1);
    }

    @Test
    void renewAfterARejectionFetchesOnceForAllThreads() throws Exception {
        OAuthTokenSource tokens = source(rsa, null);
        String rejected = tokens.token(OAuthScopes.EXPORT);
        okta.revokeAll();
        okta.tokenDelay(200);
        List<Boolean> renewed = runConcurrently(8, () -> tokens.renew(OAuthScopes.EXPORT, rejected));
        assertThat(renewed).containsOnly(true);
        assertThat(okta.tokenRequests()).isEqualTo(2);
        String fresh = tokens.token(OAuthScopes.EXPORT);
        assertThat(fresh).isNotEqualTo(rejected);
        assertThat(okta.liveTokens()).containsExactly(fresh);
        // a stale rejection (of a token already replaced) does not fetch again
        assertThat(tokens.renew(OAuthScopes.EXPORT, rejected)).isTrue();
        assertThat(okta.tokenRequests()).isEqualTo(2);
    }

    @Test
    void scopeSetsHaveTheirOwnTokens() throws Exception {
        okta.close();
        okta = new FakeTokenServer(CLIENT, rsa.getPublic(), union(OAuthScopes.EXPORT, OAuthScopes.FULFILL), clock);
        OAuthTokenSource tokens = source(rsa, null);
        String read = tokens.token(OAuthScopes.EXPORT);
        String manage = tokens.token(OAuthScopes.FULFILL);
        assertThat(read).isNotEqualTo(manage);
        assertThat(tokens.token(Set.copyOf(new ArrayList<>(OAuthScopes.EXPORT)))).isEqualTo(read);
        assertThat(okta.tokenRequests()).isEqualTo(2);
    }

    @Test
    void aWrongKeyIsAnAuthenticationErrorWithOktasReason() {
        OAuthTokenSource tokens = source(otherRsa, null);
        assertThatThrownBy(() -> tokens.token(OAuthScopes.EXPORT))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
                    assertThat(e.getMessage()).contains(CLIENT, "invalid_client", "signature is invalid")
                            .doesNotContain("eyJ");
                });
    }

    @Test
    void anExpiredAssertionIsRefused() {
        MutableClock late = new MutableClock(clock.instant().minus(Duration.ofMinutes(10))); // exp already passed
        assertThatThrownBy(() -> source(rsa, null, late).token(OAuthScopes.EXPORT))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
                    assertThat(e.getMessage()).contains("expired");
                });
    }

    @Test
    void aScopeNotGrantedIsPermissionDeniedNamingTheScopes() {
        assertThatThrownBy(() -> source(rsa, null).token(OAuthScopes.FULFILL))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
                    assertThat(e.getMessage()).contains("invalid_scope", "okta.users.manage", "Scopes");
                });
    }

    @Test
    void aDpopDemandSaysWhatToChange() {
        okta.failTokenRequests("invalid_dpop_proof");
        assertThatThrownBy(() -> source(rsa, null).token(OAuthScopes.EXPORT))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
                    assertThat(e.getMessage()).contains("DPoP");
                });
    }

    @Test
    void aRedirectIsNotFollowedAndTheOtherOriginGetsNothing() throws Exception {
        AtomicInteger elsewhere = new AtomicInteger();
        HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext("/", ex -> {
            elsewhere.incrementAndGet();
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        other.start();
        try {
            okta.redirectTokenRequestsTo("http://127.0.0.1:" + other.getAddress().getPort() + "/oauth2/v1/token");
            assertThatThrownBy(() -> source(rsa, null).token(OAuthScopes.EXPORT))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
                        assertThat(e.getMessage()).contains("redirect", "307");
                    });
            assertThat(elsewhere.get()).isZero();
        } finally {
            other.stop(0);
        }
    }

    @Test
    void anUnreachableTokenEndpointIsUnavailable() throws Exception {
        okta.close();
        assertThatThrownBy(() -> source(rsa, null).token(OAuthScopes.EXPORT))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(e.isRetriable()).isTrue();
                });
    }

    @Test
    void ecKeysSignEs256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ec = g.generateKeyPair();
        okta.close();
        okta = new FakeTokenServer(CLIENT, ec.getPublic(), OAuthScopes.EXPORT, clock);
        for (int i = 0; i < 20; i++) { // R or S with a leading zero byte shows up within a few signatures
            clock.advance(Duration.ofHours(2));
            assertThat(source(ec, null).token(OAuthScopes.EXPORT)).startsWith("at-");
        }
        assertThat(okta.assertionHeaders()).allSatisfy(h -> assertThat(h.get("alg").asText()).isEqualTo("ES256"));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }

    private static <T> List<T> runConcurrently(int threads, java.util.concurrent.Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
