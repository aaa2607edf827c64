package io.oktaconnector.okta;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.internal.password.PasswordGenerator;
import io.oktaconnector.okta.testing.HostileServer;
import io.oktaconnector.okta.testing.LoopbackProxy;
import io.oktaconnector.okta.testing.TestKeyStores;
import io.oktaconnector.simulator.OktaSimulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Run in a child JVM by {@link NoSecretsInLogsTest} with every logger at TRACE: exercises every credential path
 * (protected settings, file and vault references, API token and OAuth exports and fulfills through an authenticating
 * proxy, a token renewal after a revocation, refused credentials, a tampered file, a generated password) and logs every
 * failure with its stack trace, as a host would. Writes the secrets it used to {@code <dir>/secrets.txt} (not to the
 * output) for the parent to search the output for.
 */
public final class LeakProbe {
    private static final Logger LOG = LoggerFactory.getLogger(LeakProbe.class);
    private static final String ORDERS = """
            { "ProvisioningOrdersList": [
              { "AssignedResourceTypeId": "%1$s1", "ChangeType": "Added",
                "ResourceType": { "Identifier": "Okta_User", "TargetEntityType": { "Identifier": "User" } },
                "Changes": { "profile.login": "probe%1$s@example.com", "profile.email": "probe%1$s@example.com",
                             "profile.firstName": "Probe", "profile.lastName": "%1$s" } },
              { "AssignedResourceTypeId": "%1$s2", "ChangeType": "Added",
                "ResourceType": { "Identifier": "Okta_Group", "TargetEntityType": { "Identifier": "Group" } },
                "Changes": { "profile.name": "probe-group-%1$s" } } ] }
            """;

    private LeakProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        List<String> secrets = new ArrayList<>();
        String ssws = "00SSWS-leak-probe-4f9c2b7e1d";
        String proxyPassword = "proxy-leak-Pw-8812";
        String vaultValue = "vault-leak-value-5521";
        String defaultPassword = "Default-leak-Pw-7731";
        secrets.addAll(List.of(ssws, proxyPassword, vaultValue, defaultPassword, TestKeyStores.PASSWORD));

        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair keys = g.generateKeyPair();
        String body = Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded());
        String pem = "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
        secrets.addAll(List.of(body.split("\\R")));
        Set<String> granted = Set.of("okta.users.read", "okta.groups.read", "okta.apps.read", "okta.schemas.read",
                "okta.users.manage", "okta.groups.manage", "okta.apps.manage");

        try (OktaSimulator sim = OktaSimulator.builder().seed(9).users(150).groups(10).apps(4).token(ssws)
                .oauthClient("0oaLeakProbe", keys.getPublic(), granted).requireDPoP(true).start();
             LoopbackProxy proxy = new LoopbackProxy("svc", proxyPassword)) {
            // protected settings, file and vault references
            TestKeyStores.rsa("primary", dir);
            Files.writeString(dir.resolve("p12.txt"), TestKeyStores.PASSWORD);
            Files.writeString(dir.resolve("initial.txt"), defaultPassword);
            Path file = dir.resolve("appsettings.agent.json");
            Files.writeString(file, """
                    { "EncryptionCertificate": { "File": "primary.p12", "Password": "${file:p12.txt}" },
                      "Connections": { "Okta": { "Server": "%s", "AllowInsecureHttp": true, "ApiKey": "%s",
                        "Proxy": { "Host": "127.0.0.1", "Port": %d, "Username": "svc", "Password": "%s" },
                        "PasswordResetSettings": { "Mode": "Default", "DefaultPassword": "${file:initial.txt}" },
                        "ClientSecret": "${vault:Connections--Okta--ClientSecret}" } } }
                    """.formatted(sim.baseUrl(), ssws, proxy.port(), proxyPassword));
            LOG.info("protected: {}", ProtectedSettings.protect(file));
            SecretResolver vault = new SecretResolver() {
                @Override
                public String scheme() {
                    return "vault";
                }

                @Override
                public Optional<Secret> resolve(String name) {
                    return Optional.of(Secret.of(vaultValue));
                }
            };
            OktaSettings settings = OktaSettings.load(file, "Okta", List.of(vault));
            LOG.info("settings: {} reset: {}", settings, settings.passwordReset());
            run("ssws", settings, dir);
            generatedPasswords(sim, settings, dir, secrets);
            echoed(sim, settings, dir, secrets);

            // OAuth through the proxy, with a renewal after Okta revokes the token
            OktaSettings oauth = OktaSettings.builder().connectionId("Okta").server(sim.baseUrl())
                    .allowInsecureHttp(true).oauth("0oaLeakProbe", null, Secret.of(pem)).keyId("kid-probe")
                    .proxy(settings.proxy().orElseThrow()).build();
            LOG.info("settings: {}", oauth);
            try (OktaConnector okta = OktaConnector.create(oauth)) {
                okta.check();
                LOG.info("revoked {} tokens", sim.revokeAccessTokens());
                LOG.info("export (OAuth, proxy): {}", okta.export(dir.resolve("out-oauth"), EntityMapping.DEFAULTS,
                        ProgressListener.NONE));
                Path orders = dir.resolve("orders-oauth.json");
                Files.writeString(orders, ORDERS.formatted("oauth"));
                LOG.info("fulfill (OAuth, proxy): {}", okta.fulfill(orders, dir.resolve("results-oauth.csv"),
                        EntityMapping.DEFAULTS, false, ProgressListener.NONE));
            }
            KeyPair other = g.generateKeyPair();
            String otherPem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(other.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
            try (OktaConnector refused = OktaConnector.create(oauth.toBuilder().oauth("0oaLeakProbe", null,
                    Secret.of(otherPem)).build())) {
                refused.check();
            } catch (ConnectorException e) {
                LOG.error("check with a wrong key failed", e);
            }
            try (OktaConnector wrongToken = OktaConnector.create(settings.toBuilder().apiKey(Secret.of(ssws + "x")).build())) {
                wrongToken.check();
            } catch (ConnectorException e) {
                LOG.error("check with a wrong token failed", e);
            }
            Path encrypted = ProtectedSettings.encryptedFileFor(file);
            Files.writeString(encrypted, Files.readString(encrypted).replace("enc:v1:", "enc:v1:AAAA"));
            try {
                OktaSettings.load(file, "Okta", List.of(vault));
            } catch (ConnectorException e) {
                LOG.error("loading a tampered file failed", e);
            }
            Secret generated = new PasswordGenerator().generate(PasswordResetSettings.DEFAULTS);
            secrets.add(generated.reveal());
            PasswordNotifier.NONE.deliver(new PasswordNotice("Okta", "1", "00u1", "probe@example.com", generated, true));
            LOG.info("generated: {}", generated);
            sim.requests().all().stream().map(r -> r.header("Authorization")).forEach(a -> LOG.trace("seen {}", a));
        }
        Files.write(dir.resolve("secrets.txt"), secrets);
        System.out.println("probe done");
    }

    /**
     * Generated passwords on create and on a reset order (a dry run first), then one Okta's password policy refuses;
     * the notifier's passwords join the secrets searched for.
     */
    private static void generatedPasswords(OktaSimulator sim, OktaSettings settings, Path dir, List<String> secrets)
            throws Exception {
        List<PasswordNotice> delivered = java.util.Collections.synchronizedList(new ArrayList<>());
        PasswordResetSettings generate = new PasswordResetSettings(PasswordResetSettings.Mode.GENERATE, null, 18, 2,
                2, 2, 2, true, true);
        String active = sim.org().users().filter(u -> u.path("status").asText().equals("ACTIVE")).findFirst()
                .orElseThrow().path("id").asText();
        String orders = """
                { "ProvisioningOrdersList": [
                  { "AssignedResourceTypeId": "gen1", "ChangeType": "Added",
                    "ResourceType": { "Identifier": "Okta_User", "TargetEntityType": { "Identifier": "User" } },
                    "Changes": { "profile.login": "gen%1$s@example.com", "profile.email": "gen%1$s@example.com",
                                 "profile.firstName": "Gen", "profile.lastName": "Probe" } },
                  { "AssignedResourceTypeId": "gen2", "ChangeType": "Modified", "Resource": { "id": "%2$s" },
                    "ResourceType": { "Identifier": "Okta_User", "TargetEntityType": { "Identifier": "User" } },
                    "Changes": { "PasswordReset": true } } ] }
                """;
        try (OktaConnector okta = OktaConnector.create(settings.toBuilder().passwordReset(generate).build(),
                delivered::add)) {
            Path dry = dir.resolve("orders-generate-dry.json");
            Files.writeString(dry, orders.formatted("dry", active));
            LOG.info("fulfill (generate, dry run): {}", okta.fulfill(dry, dir.resolve("results-generate-dry.csv"),
                    EntityMapping.DEFAULTS, true, ProgressListener.NONE));
            Path file = dir.resolve("orders-generate.json");
            Files.writeString(file, orders.formatted("1", active));
            LOG.info("fulfill (generate): {}", okta.fulfill(file, dir.resolve("results-generate.csv"),
                    EntityMapping.DEFAULTS, false, ProgressListener.NONE));
            sim.org().setPasswordPolicy(new io.oktaconnector.simulator.PasswordPolicy(40, true, true, true, true));
            Path refused = dir.resolve("orders-generate-refused.json");
            Files.writeString(refused, orders.formatted("2", active).replace("gen1", "gen3").replace("gen2", "gen4"));
            LOG.info("fulfill (generate, refused): {}", okta.fulfill(refused, dir.resolve("results-generate.csv"),
                    EntityMapping.DEFAULTS, false, ProgressListener.NONE));
            sim.org().setPasswordPolicy(io.oktaconnector.simulator.PasswordPolicy.OKTA_DEFAULT);
        }
        LOG.info("delivered: {}", delivered);
        if (delivered.size() != 2) {
            throw new IllegalStateException("expected 2 delivered passwords, got " + delivered.size());
        }
        delivered.forEach(n -> secrets.add(n.password().reveal()));
    }

    /**
     * A server (or proxy) that quotes refused bodies in its 400: the order's password and the default password come
     * back in {@code errorCauses}, and must reach neither the results nor any log line.
     */
    private static void echoed(OktaSimulator sim, OktaSettings settings, Path dir, List<String> secrets)
            throws Exception {
        String orderPassword = "Order-leak-Pw-3391";
        secrets.add(orderPassword);
        try (HostileServer echo = new HostileServer(sim.baseUrl()).on(r -> r.method().equals("POST")
                && r.path().equals("/api/v1/users"), HostileServer.echoBody());
             OktaConnector okta = OktaConnector.create(settings.toBuilder().server(echo.baseUrl()).proxy(null)
                     .build())) {
            Path orders = dir.resolve("orders-echo.json");
            Files.writeString(orders, ORDERS.formatted("echo").replace("\"profile.lastName\": \"echo\" }",
                    "\"profile.lastName\": \"echo\", \"password\": \"" + orderPassword + "\" }"));
            LOG.info("fulfill (echo): {}", okta.fulfill(orders, dir.resolve("results-echo.csv"),
                    EntityMapping.DEFAULTS, false, ProgressListener.NONE));
            Path another = dir.resolve("orders-echo2.json");
            Files.writeString(another, ORDERS.formatted("echoed"));
            LOG.info("fulfill (echo, default password): {}", okta.fulfill(another, dir.resolve("results-echo.csv"),
                    EntityMapping.DEFAULTS, false, ProgressListener.NONE));
        }
    }

    private static void run(String name, OktaSettings settings, Path dir) throws Exception {
        try (OktaConnector okta = OktaConnector.create(settings)) {
            LOG.info("export ({}): {}", name, okta.export(dir.resolve("out-" + name), EntityMapping.DEFAULTS,
                    ProgressListener.NONE));
            Path orders = dir.resolve("orders-" + name + ".json");
            Files.writeString(orders, ORDERS.formatted(name));
            LOG.info("fulfill ({}): {}", name, okta.fulfill(orders, dir.resolve("results-" + name + ".csv"),
                    EntityMapping.DEFAULTS, false, ProgressListener.NONE));
        }
    }
}
