package io.oktaconnector.okta;

import com.sun.net.httpserver.HttpServer;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.internal.auth.OAuthTokens;
import io.oktaconnector.okta.internal.http.OktaClientFactory;
import io.oktaconnector.okta.testing.LoopbackProxy;
import io.oktaconnector.simulator.OktaSimulator;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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

/**
 * Least-privilege OAuth scopes per operation, the proxy and the origin guard, end to end: the real SDK client over
 * real HTTP to the simulator and its authorization server.
 */
class CredentialsAcceptanceTest {
    static final String CLIENT = "0oaCredentialsTest";
    static final String SSWS = "00tok-credentials-5d1e";
    static final Set<String> READ = Set.of("okta.users.read", "okta.groups.read", "okta.apps.read", "okta.schemas.read");
    static final Set<String> MANAGE = Set.of("okta.users.manage", "okta.groups.manage", "okta.apps.manage");
    static final List<String> FILES = List.of("_users.csv", "_groups.csv", "_apps.csv", "_groupsusers.csv",
            "_groupsapps.csv");

    static OktaSimulator sim;
    @TempDir
    static Path shared;
    static KeyPair keys;
    static Path pem;
    static Path reference;

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        keys = g.generateKeyPair();
        Set<String> granted = new HashSet<>(READ);
        granted.addAll(MANAGE);
        sim = OktaSimulator.builder().seed(7).users(300).groups(20).apps(5).token(SSWS)
                .oauthClient(CLIENT, keys.getPublic(), granted).start();
        pem = shared.resolve("okta-client.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        reference = shared.resolve("reference");
        OktaConnector.export(apiKeySettings().build(), reference);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static OktaSettings.Builder apiKeySettings() {
        return OktaSettings.builder().connectionId("Okta").server(sim.baseUrl()).apiKey(Secret.of(SSWS))
                .allowInsecureHttp(true);
    }

    static OktaSettings.Builder oauthSettings() {
        return OktaSettings.builder().connectionId("Okta").server(sim.baseUrl()).allowInsecureHttp(true)
                .oauth(CLIENT, pem, null);
    }

    static void assertSameExport(Path dir) throws IOException {
        for (String f : FILES) { // rows of the link tables arrive in completion order: compare as sets
            List<String> got = Files.readAllLines(dir.resolve("Okta" + f));
            List<String> want = Files.readAllLines(reference.resolve("Okta" + f));
            assertThat(got.get(0)).as(f).isEqualTo(want.get(0));
            assertThat(got).as(f).hasSameSizeAs(want).containsExactlyInAnyOrderElementsOf(want);
        }
    }

    /** The scopes of the token requests {@code org} received since {@code since} (a request-log size). */
    static List<Set<String>> tokenScopes(OktaSimulator org, int since) {
        return org.requests().all().subList(since, org.requests().size()).stream()
                .filter(r -> r.path().equals("/oauth2/v1/token"))
                .map(r -> {
                    for (String part : r.body().split("&")) {
                        if (part.startsWith("scope=")) {
                            return Set.of(URLDecoder.decode(part.substring(6), StandardCharsets.UTF_8).split(" "));
                        }
                    }
                    return Set.<String>of();
                }).toList();
    }

    @Test
    void exportAsksForReadScopesAndFulfillForManageScopes(@TempDir Path dir) throws Exception {
        Set<String> granted = new HashSet<>(READ);
        granted.addAll(MANAGE);
        try (OktaSimulator own = OktaSimulator.builder().seed(8).users(20).groups(3).apps(1)
                .oauthClient(CLIENT, keys.getPublic(), granted).start()) {
            checkExportAndFulfill(own, dir);
        }
    }

    private static void checkExportAndFulfill(OktaSimulator own, Path dir) throws Exception {
        Path orders = dir.resolve("orders.json");
        Files.writeString(orders, """
                { "ProvisioningOrdersList": [ { "AssignedResourceTypeId": "9001", "ChangeType": "Added",
                    "ResourceType": { "Identifier": "Okta_Group", "TargetEntityType": { "Identifier": "Group" } },
                    "Changes": { "profile.name": "created-with-manage-scopes", "profile.description": "oauth" } } ] }
                """);
        try (OktaConnector okta = OktaConnector.create(oauthSettings().server(own.baseUrl()).build())) {
            okta.check();
            okta.export(dir.resolve("out"), EntityMapping.DEFAULTS, ProgressListener.NONE);
            okta.fulfill(orders, dir.resolve("results.csv"), EntityMapping.DEFAULTS, false, ProgressListener.NONE);
        }
        assertThat(Files.readString(dir.resolve("results.csv"))).contains("9001,Executed");
        assertThat(own.org().groups()).anyMatch(gr -> gr.path("profile").path("name").asText()
                .equals("created-with-manage-scopes"));
        assertThat(tokenScopes(own, 0)).containsExactly(READ, Set.copyOf(OAuthTokens.FULFILL_SCOPES));
    }

    @Test
    void configuredScopesServeEveryOperation(@TempDir Path dir) throws Exception {
        int before = sim.requests().size();
        List<String> both = List.of("okta.users.manage", "okta.groups.manage", "okta.apps.read", "okta.schemas.read");
        try (OktaConnector okta = OktaConnector.create(oauthSettings().scopes(both).build())) {
            okta.export(dir.resolve("out"), EntityMapping.DEFAULTS, ProgressListener.NONE);
        }
        assertSameExport(dir.resolve("out"));
        assertThat(tokenScopes(sim, before)).containsExactly(Set.copyOf(both));
    }

    @Test
    void aProxyWithCredentialsSeesAllTheTraffic(@TempDir Path out, @TempDir Path direct) throws Exception {
        try (LoopbackProxy proxy = new LoopbackProxy("proxy-user", "proxy-Pa55")) {
            int before = sim.requests().size();
            OktaConnector.export(apiKeySettings()
                    .proxy(new ProxySettings("127.0.0.1", proxy.port(), "proxy-user", Secret.of("proxy-Pa55"))).build(), out);
            assertSameExport(out);
            int made = sim.requests().size() - before;
            assertThat(proxy.forwarded()).hasSize(made).allMatch(r -> r.contains(sim.baseUrl() + "/api/v1/"));
            assertThat(proxy.challenged()).isPositive();
            assertThat(sim.requests().all().subList(before, sim.requests().size()))
                    .allMatch(r -> r.header("Proxy-Authorization") == null);

            OktaConnector.export(apiKeySettings().build(), direct);
            assertThat(proxy.forwarded()).hasSize(made);
        }
    }

    @Test
    void theOAuthTokenRequestGoesThroughTheProxyToo(@TempDir Path out) throws Exception {
        try (LoopbackProxy proxy = new LoopbackProxy(null, null)) {
            int before = sim.requests().size();
            OktaConnector.export(oauthSettings().proxy(new ProxySettings("127.0.0.1", proxy.port(), null, null)).build(),
                    out);
            assertSameExport(out);
            assertThat(proxy.forwarded()).first().isEqualTo("POST " + sim.baseUrl() + "/oauth2/v1/token");
            assertThat(proxy.forwarded()).hasSize(sim.requests().size() - before);
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
            for (OktaSettings s : List.of(oauthSettings().build(), apiKeySettings().build())) {
                try (OktaClientFactory.Built built = OktaClientFactory.create(s)) {
                    HttpGet get = new HttpGet(foreign);
                    get.setHeader("Authorization", "SSWS " + SSWS);
                    built.httpClient().execute(get, r -> r.getCode());
                    HttpGet own = new HttpGet(sim.baseUrl() + "/api/v1/users?limit=1");
                    own.setHeader("Authorization", "SSWS " + SSWS);
                    int status = built.httpClient().execute(own, r -> r.getCode());
                    assertThat(status).isEqualTo(200);
                }
            }
        } finally {
            other.stop(0);
        }
        assertThat(seen).containsExactly("null", "null");
    }
}
