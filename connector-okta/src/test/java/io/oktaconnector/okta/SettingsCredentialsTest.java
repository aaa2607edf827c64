package io.oktaconnector.okta;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.testing.TestKeyStores;
import io.oktaconnector.simulator.OktaSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OktaSettings.load with protected values, file and vault references, and the credentials issue's keys. */
class SettingsCredentialsTest {
    static final String SSWS = "00tok-settings-credentials-77f0";
    static final String PROXY_PASSWORD = "vault-proxy-Pw-31";
    static final String DEFAULT_PASSWORD = "Initial#Pw-from-file";
    static OktaSimulator sim;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sim = OktaSimulator.builder().seed(3).users(40).groups(5).apps(2).token(SSWS).start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** A vault given in code. */
    record Vault(Map<String, String> entries) implements SecretResolver {
        @Override
        public String scheme() {
            return "vault";
        }

        @Override
        public Optional<Secret> resolve(String name) {
            return Optional.ofNullable(entries.get(name)).map(Secret::of);
        }
    }

    private Path write(String connection) throws Exception {
        Path file = dir.resolve("appsettings.agent.json");
        Files.writeString(file, """
                {
                  "EncryptionCertificate": { "File": "primary.p12", "Password": "${file:secrets/p12.txt}" },
                  "Connections": { "Okta": %s }
                }""".formatted(connection));
        return file;
    }

    private void keyStore() throws Exception {
        TestKeyStores.rsa("primary", dir);
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/p12.txt"), TestKeyStores.PASSWORD + "\r\n");
        Files.writeString(dir.resolve("secrets/initial.txt"), DEFAULT_PASSWORD + "\n");
    }

    @Test
    void aProtectedFileLoadsAndExports(@TempDir Path out) throws Exception {
        keyStore();
        Path file = write("""
                { "Server": "%s", "AllowInsecureHttp": true, "ApiKey": "%s",
                  "Proxy": { "Host": "127.0.0.1", "Port": 3128, "Username": "svc",
                             "Password": "${vault:Connections--Okta--Proxy--Password}" },
                  "TrustStore": { "File": "primary.p12", "Password": "${file:secrets/p12.txt}" },
                  "PasswordResetSettings": { "AutoGenerate": false, "DefaultPassword": "${file:secrets/initial.txt}",
                                             "MustChange": "true", "GeneratedLength": 14 } }
                """.formatted(sim.baseUrl(), SSWS));
        assertThat(ProtectedSettings.protect(file).protectedKeys()).containsExactly("Connections.Okta.ApiKey");
        assertThat(Files.readString(file)).doesNotContain(SSWS);

        Vault vault = new Vault(Map.of(SecretResolver.conventionalName("Okta", "Proxy.Password"), PROXY_PASSWORD));
        OktaSettings s = OktaSettings.load(file, "Okta", List.of(vault));
        assertThat(s.apiKey()).contains(Secret.of(SSWS));
        assertThat(s.proxy()).hasValueSatisfying(p -> {
            assertThat(p.host()).isEqualTo("127.0.0.1");
            assertThat(p.port()).isEqualTo(3128);
            assertThat(p.username()).isEqualTo("svc");
            assertThat(p.password()).isEqualTo(Secret.of(PROXY_PASSWORD));
        });
        assertThat(s.trustStore()).hasValueSatisfying(t -> {
            assertThat(t.file()).isEqualTo(dir.resolve("primary.p12"));
            assertThat(t.type()).isEqualTo("PKCS12");
        });
        assertThat(s.passwordReset().mode()).isEqualTo(PasswordResetSettings.Mode.DEFAULT);
        assertThat(s.passwordReset().defaultPassword()).isEqualTo(Secret.of(DEFAULT_PASSWORD));
        assertThat(s.passwordReset().generatedLength()).isEqualTo(14);
        assertThat(s.toString()).doesNotContain(SSWS, PROXY_PASSWORD, DEFAULT_PASSWORD, TestKeyStores.PASSWORD)
                .contains("proxy=127.0.0.1:3128", "passwordReset=Default");

        OktaSettings direct = s.toBuilder().proxy(null).trustStore(null).build();
        assertThat(OktaConnector.export(direct, out).rowsPerTable()).isNotEmpty();
    }

    @Test
    void aTamperedProtectedValueNamesItsKey() throws Exception {
        keyStore();
        Path file = write("{ \"Server\": \"%s\", \"AllowInsecureHttp\": true, \"ApiKey\": \"%s\" }"
                .formatted(sim.baseUrl(), SSWS));
        Path encrypted = ProtectedSettings.protect(file).encryptedFile();
        String text = Files.readString(encrypted);
        int at = text.indexOf("enc:v1:") + 60;
        Files.writeString(encrypted, text.substring(0, at) + (text.charAt(at) == 'A' ? 'B' : 'A') + text.substring(at + 1));
        assertThatThrownBy(() -> OktaSettings.load(file, "Okta"))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SETTINGS);
                    assertThat(e.getMessage()).contains("Connections.Okta.ApiKey: ").doesNotContain(SSWS);
                });
    }

    @Test
    void unresolvableReferencesNameTheKeyAndTheKindOnly() throws Exception {
        Path file = write("""
                { "Server": "https://acme.okta.com", "ApiKey": "${vault:Connections--Okta--ApiKey}",
                  "PasswordResetSettings": { "Mode": "Default", "DefaultPassword": "${env:OKTA_TEST_SURELY_UNSET_91}" } }
                """);
        assertThatThrownBy(() -> OktaSettings.load(file, "Okta", List.of(new Vault(Map.of()))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SETTINGS);
                    assertThat(e.getMessage()).contains("Connections.Okta.ApiKey: ", "${vault:}", "not found",
                            "Connections.Okta.PasswordResetSettings.DefaultPassword: ", "${env:}");
                });
    }

    @Test
    void exactlyOneWayToAuthenticate() throws Exception {
        Path pem = dir.resolve("k.pem");
        Files.writeString(pem, "not used");
        Path both = write("{ \"Server\": \"https://acme.okta.com\", \"ApiKey\": \"00x\", \"ClientId\": \"0oa1\", "
                + "\"PrivateKeyPath\": \"k.pem\" }");
        assertThatThrownBy(() -> OktaSettings.load(both, "Okta")).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("Connections.Okta.ApiKey: ").hasMessageContaining("not both");
        Path neither = write("{ \"Server\": \"https://acme.okta.com\", \"KeyId\": \"k1\" }");
        assertThatThrownBy(() -> OktaSettings.load(neither, "Okta")).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("Connections.Okta.ApiKey: is required")
                .hasMessageContaining("Connections.Okta.KeyId: ");
    }

    @Test
    void proxyAndPasswordResetMistakesAreListedTogether() throws Exception {
        Path file = write("""
                { "Server": "https://acme.okta.com", "ApiKey": "00x",
                  "Proxy": { "Host": "http://proxy/", "Port": 0, "Password": "p" },
                  "PasswordResetSettings": { "GeneratedLength": 4 } }
                """);
        assertThatThrownBy(() -> OktaSettings.load(file, "Okta"))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("Connections.Okta.Proxy.Host: ")
                .hasMessageContaining("Connections.Okta.Proxy.Port: ")
                .hasMessageContaining("Connections.Okta.Proxy.Username: ")
                .hasMessageContaining("Connections.Okta.PasswordResetSettings.GeneratedLength: ");
    }
}
