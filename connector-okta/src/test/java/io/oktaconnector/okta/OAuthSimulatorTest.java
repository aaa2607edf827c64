package io.oktaconnector.okta;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.simulator.FaultRule;
import io.oktaconnector.simulator.OktaSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.oktaconnector.okta.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OAuth against the simulator's authorization server: scopes checked per endpoint, revoked tokens renewed. */
class OAuthSimulatorTest {

    private static final Set<String> READ = Set.of("okta.users.read", "okta.groups.read", "okta.apps.read",
            "okta.schemas.read");

    private static Path keyFile(Path dir, KeyPair kp) throws Exception {
        Path f = dir.resolve("key.pem");
        Files.writeString(f, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                kp.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        return f;
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    @Test
    void exportsWithTheReadScopesAndRenewsARevokedTokenMidExport(@TempDir Path dir) throws Exception {
        KeyPair kp = rsa();
        try (OktaSimulator sim = OktaSimulator.builder().seed(4).users(800).groups(30).apps(6).hostileValues(true)
                .oauthClient("0oaexport", "kid-export", kp.getPublic(), READ).start()) {
            OktaSettings settings = OktaSettings.builder().connectionId("Scoped").server(sim.baseUrl())
                    .allowInsecureHttp(true).oauth("0oaexport", keyFile(dir, kp), null).keyId("kid-export")
                    .pageSize(100).build();
            AtomicBoolean revoked = new AtomicBoolean();
            try (OktaConnector okta = OktaConnector.create(settings)) {
                okta.export(dir.resolve("out"), EntityMapping.DEFAULTS, new ProgressListener() {
                    @Override
                    public void rowsWritten(String table, long totalRows) {
                        if (table.endsWith("_users") && totalRows >= 300 && revoked.compareAndSet(false, true)) {
                            assertThat(sim.revokeAccessTokens()).isPositive();
                        }
                    }
                });
            }
            assertThat(revoked).isTrue();
            assertThat(sim.requests().count(r -> r.path().equals("/oauth2/v1/token"))).isEqualTo(2);
            assertThat(sim.requests().count(r -> r.status() == 401)).isPositive();
            assertThat(readCsv(dir.resolve("out/Scoped_users.csv")).rows())
                    .isEqualTo(project(sim.org().users(), defaultUserColumns(sim)));
            assertThat(readCsv(dir.resolve("out/Scoped_groupsusers.csv")).sortedRows()).isEqualTo(expectedMemberships(sim));
            assertThat(sim.requests().all()).noneMatch(r -> String.valueOf(r.header("Authorization")).startsWith("SSWS"));
        }
    }

    @Test
    void aServiceAppThatRequiresDpopExportsAndFulfillsWithProofsBoundToItsTokens(@TempDir Path dir) throws Exception {
        KeyPair kp = rsa();
        java.util.Set<String> all = new java.util.HashSet<>(READ);
        all.addAll(Set.of("okta.users.manage", "okta.groups.manage", "okta.apps.manage"));
        try (OktaSimulator sim = OktaSimulator.builder().seed(4).users(300).groups(12).apps(3).hostileValues(true)
                .oauthClient("0oadpop", kp.getPublic(), all).requireDPoP(true).start()) {
            OktaSettings settings = OktaSettings.builder().connectionId("Dpop").server(sim.baseUrl())
                    .allowInsecureHttp(true).oauth("0oadpop", keyFile(dir, kp), null).pageSize(100).build();
            String group = sim.org().groups().filter(g -> g.path("type").asText().equals("OKTA_GROUP")).findFirst()
                    .orElseThrow().get("id").asText();
            String login = sim.org().users().filter(u -> !sim.org().isMember(group, u.get("id").asText()))
                    .findFirst().orElseThrow().path("profile").path("login").asText();
            AtomicBoolean revoked = new AtomicBoolean();
            try (OktaConnector okta = OktaConnector.create(settings)) {
                okta.export(dir.resolve("out"), EntityMapping.DEFAULTS, new ProgressListener() {
                    @Override
                    public void rowsWritten(String table, long totalRows) {
                        if (table.endsWith("_users") && totalRows >= 100 && revoked.compareAndSet(false, true)) {
                            assertThat(sim.revokeAccessTokens()).isPositive();
                        }
                    }
                });
                // a user named by its login: the proof's htu is the decoded path ('@', not %40)
                io.oktaconnector.api.FulfillSummary summary = okta.fulfill(new io.oktaconnector.api.FulfillRequest(
                        java.util.List.of(new io.oktaconnector.api.ProvisioningOrder("1", "User",
                                new io.oktaconnector.api.OrderChange.Modified(login, java.util.Map.of(),
                                        java.util.List.of(new io.oktaconnector.api.LinkChange("Groups",
                                                io.oktaconnector.api.LinkChange.Operation.ADD,
                                                java.util.List.of(group)))))),
                        io.oktaconnector.api.FulfillMode.APPLY, ProgressListener.NONE));
                assertThat(summary.results()).singleElement().satisfies(r -> assertThat(r.state())
                        .as(r.message()).isEqualTo(io.oktaconnector.api.ProvisioningState.Executed));
            }
            assertThat(readCsv(dir.resolve("out/Dpop_users.csv")).rows())
                    .isEqualTo(project(sim.org().users(), defaultUserColumns(sim)));
            assertThat(sim.org().isMember(group, sim.org().user(login).orElseThrow().get("id").asText())).isTrue();
            // every API call carried a DPoP token and a proof, and none was refused for its proof
            assertThat(sim.requests().matching(r -> r.path().startsWith("/api/v1/"))).isNotEmpty()
                    .allSatisfy(r -> {
                        assertThat(String.valueOf(r.header("Authorization"))).startsWith("DPoP ");
                        assertThat(r.header("DPoP")).isNotBlank();
                    });
            assertThat(sim.requests().count(r -> r.status() == 400)).isEqualTo(
                    sim.requests().count(r -> r.status() == 400 && r.path().equals("/oauth2/v1/token")));
            // the handshake once (proof missing, then the nonce), then one request per token: export, renewal
            // after the revocation, fulfill
            assertThat(sim.requests().count(r -> r.path().equals("/oauth2/v1/token") && r.status() == 200))
                    .isEqualTo(3);
            assertThat(sim.requests().count(r -> r.path().equals("/oauth2/v1/token") && r.status() == 400))
                    .isEqualTo(2);
        }
    }

    @Test
    void fulfillAsksForTheManageScopesWhileExportKeepsTheReadOnes(@TempDir Path dir) throws Exception {
        KeyPair kp = rsa();
        java.util.Set<String> all = new java.util.HashSet<>(READ);
        all.addAll(Set.of("okta.users.manage", "okta.groups.manage", "okta.apps.manage"));
        try (OktaSimulator sim = OktaSimulator.builder().seed(4).users(20).groups(3).apps(1)
                .oauthClient("0oaboth", kp.getPublic(), all).start()) {
            OktaSettings settings = OktaSettings.builder().connectionId("Both").server(sim.baseUrl())
                    .allowInsecureHttp(true).oauth("0oaboth", keyFile(dir, kp), null).build();
            String user = sim.org().users().filter(u -> u.path("status").asText().equals("ACTIVE")).findFirst()
                    .orElseThrow().get("id").asText();
            try (OktaConnector okta = OktaConnector.create(settings)) {
                okta.export(dir.resolve("out"), EntityMapping.DEFAULTS, ProgressListener.NONE);
                io.oktaconnector.api.FulfillSummary summary = okta.fulfill(new io.oktaconnector.api.FulfillRequest(
                        java.util.List.of(new io.oktaconnector.api.ProvisioningOrder("1", "User",
                                new io.oktaconnector.api.OrderChange.Modified(user, java.util.Map.of("profile.city",
                                        io.oktaconnector.api.AttributeValue.of("Porto")), java.util.List.of()))),
                        io.oktaconnector.api.FulfillMode.APPLY, ProgressListener.NONE));
                assertThat(summary.results()).singleElement().satisfies(r -> assertThat(r.state())
                        .as(r.message()).isEqualTo(io.oktaconnector.api.ProvisioningState.Executed));
                okta.check(); // the read-only token is still used for reads
            }
            assertThat(sim.org().user(user).orElseThrow().path("profile").path("city").asText()).isEqualTo("Porto");
            java.util.List<String> scopes = sim.requests().matching(r -> r.path().equals("/oauth2/v1/token")).stream()
                    .map(r -> java.net.URLDecoder.decode(r.body(), java.nio.charset.StandardCharsets.UTF_8))
                    .map(b -> b.replaceAll("(?s).*scope=([^&]*).*", "$1")).toList();
            assertThat(scopes).containsExactly("okta.users.read okta.groups.read okta.apps.read okta.schemas.read",
                    "okta.users.manage okta.groups.manage okta.apps.manage okta.schemas.read");
        }
    }

    @Test
    void checkProvesTheFulfillScopesWithATokenRequestAndNoWrite(@TempDir Path dir) throws Exception {
        KeyPair kp = rsa();
        java.util.Set<String> all = new java.util.HashSet<>(READ);
        all.addAll(Set.of("okta.users.manage", "okta.groups.manage", "okta.apps.manage"));
        try (OktaSimulator sim = OktaSimulator.builder().seed(4).users(10).groups(3).apps(1)
                .oauthClient("0oareader", kp.getPublic(), READ)
                .oauthClient("0oawriter", kp.getPublic(), all).start()) {
            OktaSettings reader = OktaSettings.builder().connectionId("Reader").server(sim.baseUrl())
                    .allowInsecureHttp(true).oauth("0oareader", keyFile(dir, kp), null).build();
            try (OktaConnector okta = OktaConnector.create(reader)) {
                assertThatThrownBy(okta::check).isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
                    assertThat(e.getMessage()).contains("may read but not fulfill").contains("0oareader")
                            .contains("okta.users.manage okta.groups.manage okta.apps.manage");
                });
            }
            try (OktaConnector okta = OktaConnector.create(reader.toBuilder()
                    .oauth("0oawriter", keyFile(dir, kp), null).build())) {
                okta.check();
            }
            assertThat(sim.requests().all()).allSatisfy(r -> assertThat(r.method().equals("GET")
                    || r.path().equals("/oauth2/v1/token")).as(r.method() + " " + r.path()).isTrue());
        }
    }

    @Test
    void aRefusedTokenNamesTheOAuthSettingsNotTheApiKey(@TempDir Path dir) throws Exception {
        KeyPair kp = rsa();
        try (OktaSimulator sim = OktaSimulator.builder().seed(4).users(10).groups(3).apps(1)
                .oauthClient("0oarefused", kp.getPublic(), READ).start()) {
            sim.faults().add(FaultRule.on("GET", "/api/v1/users").status(401));
            OktaSettings settings = OktaSettings.builder().connectionId("Refused").server(sim.baseUrl())
                    .allowInsecureHttp(true).oauth("0oarefused", keyFile(dir, kp), null).build();
            try (OktaConnector okta = OktaConnector.create(settings)) {
                assertThatThrownBy(okta::check).isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
                    assertThat(e.getMessage()).contains("ClientId").contains("PrivateKey").doesNotContain("ApiKey");
                });
            }
        }
    }

    @Test
    void aScopeTheAppIsNotGrantedIsAPermissionError(@TempDir Path dir) throws Exception {
        KeyPair kp = rsa();
        try (OktaSimulator sim = OktaSimulator.builder().seed(4).users(10).groups(3).apps(1)
                .oauthClient("0oanarrow", kp.getPublic(), Set.of("okta.users.read", "okta.groups.read")).start()) {
            OktaSettings settings = OktaSettings.builder().connectionId("Narrow").server(sim.baseUrl())
                    .allowInsecureHttp(true).oauth("0oanarrow", keyFile(dir, kp), null).build();
            try (OktaConnector okta = OktaConnector.create(settings)) {
                assertThatThrownBy(okta::check).isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
            }
            // with only the granted scopes asked for, the token works and the apps endpoint says what is missing
            try (OktaConnector okta = OktaConnector.create(settings.toBuilder()
                    .scopes(java.util.List.of("okta.users.read", "okta.groups.read")).build())) {
                assertThatThrownBy(okta::check).isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
                    assertThat(e.getMessage()).contains("GET /api/v1/apps").contains("E0000006");
                });
            }
        }
    }
}
