package io.oktaconnector.okta;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.Problem;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.internal.settings.SettingsReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OktaSettingsTest {

    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        Path f = dir.resolve("appsettings.agent.json");
        Files.writeString(f, json);
        return f;
    }

    private static ConnectorException invalid(Runnable r) {
        try {
            r.run();
        } catch (ConnectorException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SETTINGS);
            return e;
        }
        throw new AssertionError("no exception");
    }

    @Test
    void readsTheSeedsExampleWithItsLeadingSpaceAndTrailingComma() throws IOException {
        Path f = write("""
                {
                  "Logging": { "LogLevel": "Debug" },
                  "Connections": {
                    "Other": { "Server": "whatever" },
                    "OktaExportFulfillment": {
                      "Server": " https://acme.okta.com/ ",
                      "ApiKey": "00abcDEF_token",
                      "SomethingElse": [1, 2],
                    }
                  }
                }
                """);
        OktaSettings s = OktaSettings.load(f, "OktaExportFulfillment");
        assertThat(s.connectionId()).isEqualTo("OktaExportFulfillment");
        assertThat(s.server()).isEqualTo("https://acme.okta.com");
        assertThat(s.apiKey()).contains(Secret.of("00abcDEF_token"));
        assertThat(s.allowInsecureHttp()).isFalse();
        assertThat(s.maxConcurrency()).isEqualTo(8);
        assertThat(s.pageSize()).isEmpty();
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.userDeleteMode()).isEqualTo(UserDeleteMode.DEACTIVATE_ONLY);
        assertThat(s.rateLimitShare()).isEqualTo(0.5);
        assertThat(s.validate()).isEmpty();
        assertThat(s.toString()).doesNotContain("00abcDEF_token");
    }

    @Test
    void readsEveryOptionalKeyIgnoringTheCaseOfKeyNames() throws IOException {
        Path f = write("""
                { "connections": { "Okta": {
                    "server": "http://127.0.0.1:8080//", "apikey": "00tok", "AllowInsecureHttp": true,
                    "PageSize": 50, "MaxConcurrency": "4", "ConnectTimeoutSeconds": 3, "ReadTimeoutSeconds": 30,
                    "UserDeleteMode": "DeactivateAndDelete", "RateLimitShare": 0.25 } } }
                """);
        OktaSettings s = OktaSettings.load(f, "Okta");
        assertThat(s.server()).isEqualTo("http://127.0.0.1:8080");
        assertThat(s.allowInsecureHttp()).isTrue();
        assertThat(s.pageSize()).hasValue(50);
        assertThat(s.maxConcurrency()).isEqualTo(4);
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.userDeleteMode()).isEqualTo(UserDeleteMode.DEACTIVATE_AND_DELETE);
        assertThat(s.rateLimitShare()).isEqualTo(0.25);
    }

    @Test
    void reportsEveryMissingOrBadKeyAtOnceEachNamingItsKey() throws IOException {
        Path f = write("""
                { "Connections": { "Okta": {
                    "AllowInsecureHttp": "maybe", "PageSize": 0, "MaxConcurrency": "many",
                    "ReadTimeoutSeconds": 0, "UserDeleteMode": "Shred", "RateLimitShare": 2 } } }
                """);
        ConnectorException e = invalid(() -> OktaSettings.load(f, "Okta"));
        assertThat(e.getMessage()).contains(f.toString())
                .contains("Connections.Okta.Server: is required")
                .contains("Connections.Okta.ApiKey: is required")
                .contains("Connections.Okta.AllowInsecureHttp: must be true or false")
                .contains("Connections.Okta.PageSize: must be between 1 and 1000, not 0")
                .contains("Connections.Okta.MaxConcurrency: must be a whole number")
                .contains("Connections.Okta.ReadTimeoutSeconds: must be between 1 and 3600 seconds")
                .contains("Connections.Okta.UserDeleteMode: must be DeactivateOnly or DeactivateAndDelete")
                .contains("Connections.Okta.RateLimitShare: must be greater than 0 and at most 1");
        assertThat(e.getMessage().split("; ")).hasSize(8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1Okta", "Okta_X", "Ok:ta", "Ok ta", "Okta/x"})
    void refusesIdentifiersBreakingTheSeedsRules(String id) throws IOException {
        Path f = write("{ \"Connections\": { \"x\": {} } }");
        ConnectorException e = invalid(() -> OktaSettings.load(f, id));
        assertThat(e.getMessage()).contains("connection identifier");
        assertThat(OktaSettings.builder().connectionId(id).server("https://a.okta.com").apiKey(Secret.of("00x"))
                .build().validate()).extracting(Problem::key).contains("connection identifier");
    }

    @Test
    void aMissingConnectionNamesTheOnesFound() throws IOException {
        Path f = write("{ \"Connections\": { \"A\": {}, \"B\": {} } }");
        assertThat(invalid(() -> OktaSettings.load(f, "Okta")).getMessage())
                .contains("Connections.Okta: is missing").contains("found: A, B");
        Path g = write("{ \"Other\": {} }");
        assertThat(invalid(() -> OktaSettings.load(g, "Okta")).getMessage()).contains("Connections: is missing");
    }

    @Test
    void malformedJsonNamesTheFileAndLineButNotTheContent() throws IOException {
        Path f = write("{\n  \"Connections\": {\n    \"Okta\": { \"ApiKey\": 00secretBare }\n  }\n}\n");
        ConnectorException e = invalid(() -> OktaSettings.load(f, "Okta"));
        assertThat(e.getMessage()).contains(f.toString()).contains("not valid JSON").contains("line 3")
                .doesNotContain("00secretBare");
        assertThat(invalid(() -> OktaSettings.load(dir.resolve("missing.json"), "Okta")).getMessage())
                .contains("does not exist");
    }

    @Test
    void httpIsRefusedUnlessAllowedAndLoopback() throws IOException {
        String tpl = "{ \"Connections\": { \"Okta\": { \"Server\": \"%s\", \"ApiKey\": \"00t\"%s } } }";
        assertThat(invalid(() -> load(tpl, "http://127.0.0.1:9", "")).getMessage())
                .contains("Connections.Okta.Server: uses http://");
        assertThat(invalid(() -> load(tpl, "http://acme.okta.com", ", \"AllowInsecureHttp\": true")).getMessage())
                .contains("only to a loopback host").contains("acme.okta.com");
        assertThat(invalid(() -> load(tpl, "http://127.0.0.1.nip.io", ", \"AllowInsecureHttp\": true")).getMessage())
                .contains("loopback");
        for (String ok : new String[] {"http://127.0.0.1:9", "http://127.4.5.6", "http://localhost:1", "http://[::1]:8"}) {
            assertThat(load(tpl, ok, ", \"AllowInsecureHttp\": true").server()).isEqualTo(ok);
        }
        // one spelling: Okta compares the assertion's audience and DPoP's htu as text
        assertThat(load(tpl, "HTTPS://Acme.Okta.com:443/", "").server()).isEqualTo("https://acme.okta.com");
        assertThat(load(tpl, "https://acme.okta.com:8443", "").server()).isEqualTo("https://acme.okta.com:8443");
        assertThat(load(tpl, "http://LOCALHOST:80", ", \"AllowInsecureHttp\": true").server())
                .isEqualTo("http://localhost");
        assertThat(invalid(() -> load(tpl, "ftp://acme.okta.com", "")).getMessage()).contains("must start with https://");
        assertThat(invalid(() -> load(tpl, "https://<YourCompany>.okta.com", "")).getMessage()).contains("not a valid URL");
        assertThat(invalid(() -> load(tpl, "https://user:pw@acme.okta.com", "")).getMessage())
                .contains("user name or password").doesNotContain("pw@");
        assertThat(invalid(() -> load(tpl, "acme.okta.com", "")).getMessage()).contains("absolute URL");
    }

    private OktaSettings load(String tpl, String server, String extra) {
        try {
            return OktaSettings.load(write(String.format(tpl, server, extra)), "Okta");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void exactlyOneWayToAuthenticate() throws IOException {
        Path both = write("""
                { "Connections": { "Okta": { "Server": "https://a.okta.com", "ApiKey": "00t",
                  "ClientId": "0oa1", "PrivateKey": "-----BEGIN PRIVATE KEY-----" } } }
                """);
        assertThat(invalid(() -> OktaSettings.load(both, "Okta")).getMessage()).contains("not both");
        Path half = write("{ \"Connections\": { \"Okta\": { \"Server\": \"https://a.okta.com\", \"ClientId\": \"0oa1\" } } }");
        assertThat(invalid(() -> OktaSettings.load(half, "Okta")).getMessage())
                .contains("Connections.Okta.PrivateKeyPath: is required with ClientId");
        Path blank = write("{ \"Connections\": { \"Okta\": { \"Server\": \"https://a.okta.com\", \"ApiKey\": \"  \" } } }");
        assertThat(invalid(() -> OktaSettings.load(blank, "Okta")).getMessage()).contains("Connections.Okta.ApiKey: is empty");
        Path placeholder = write("{ \"Connections\": { \"Okta\": { \"Server\": \"https://a.okta.com\", \"ApiKey\": \"<GeneratedUserToken>\" } } }");
        assertThat(invalid(() -> OktaSettings.load(placeholder, "Okta")).getMessage())
                .contains("Connections.Okta.ApiKey: is still the documentation's placeholder");
    }

    @Test
    void readsAndChecksTheOAuthKeys() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder()
                .encodeToString(g.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        Files.writeString(dir.resolve("key.pem"), pem);
        Path f = write("""
                { "Connections": { "Okta": { "Server": "https://a.okta.com", "ClientId": "0oa1",
                  "PrivateKeyPath": "key.pem", "KeyId": "kid-1", "Scopes": "okta.users.read okta.groups.read" } } }
                """);
        OktaSettings s = OktaSettings.load(f, "Okta");
        assertThat(s.usesOAuth()).isTrue();
        assertThat(s.privateKeyPath()).contains(dir.resolve("key.pem"));
        assertThat(s.keyId()).contains("kid-1");
        assertThat(s.scopes()).containsExactly("okta.users.read", "okta.groups.read");
        OktaConnector.create(s).close(); // no network at creation

        Files.writeString(dir.resolve("bad.pem"), "-----BEGIN PRIVATE KEY-----\nQUJDRA==\n-----END PRIVATE KEY-----\n");
        Path bad = write("""
                { "Connections": { "Okta": { "Server": "https://a.okta.com", "ClientId": "0oa1", "PrivateKeyPath": "bad.pem" } } }
                """);
        assertThat(invalid(() -> OktaSettings.load(bad, "Okta")).getMessage())
                .contains("Connections.Okta.PrivateKeyPath: file " + dir.resolve("bad.pem"))
                .contains("neither an RSA nor an EC PKCS#8 private key").doesNotContain("QUJDRA==");
        Path inline = write("""
                { "Connections": { "Okta": { "Server": "https://a.okta.com", "ClientId": "0oa1",
                  "PrivateKey": "-----BEGIN EC PRIVATE KEY-----\\nAAAA\\n-----END EC PRIVATE KEY-----" } } }
                """);
        assertThat(invalid(() -> OktaSettings.load(inline, "Okta")).getMessage())
                .contains("Connections.Okta.PrivateKey: is a PEM \"EC PRIVATE KEY\"; convert it to PKCS#8");
    }

    @Test
    void resolvesEnvironmentAndFileReferences() throws IOException {
        Files.writeString(dir.resolve("token.txt"), "\n  00fromFile  \r\n");
        Path f = write("""
                { "Connections": { "Okta": { "Server": "${env:OKTA_TEST_SERVER}", "ApiKey": "${file:token.txt}" } } }
                """);
        OktaSettings s = new SettingsReader(Map.of("OKTA_TEST_SERVER", "https://env.okta.com/")::get).load(f, "Okta");
        assertThat(s.server()).isEqualTo("https://env.okta.com");
        assertThat(s.apiKey()).contains(Secret.of("00fromFile"));

        Path g = write("""
                { "Connections": { "Okta": { "Server": "${env:NOT_SET_ANYWHERE}", "ApiKey": "${file:missing.txt}" } } }
                """);
        ConnectorException e = invalid(() -> new SettingsReader(Map.<String, String>of()::get).load(g, "Okta"));
        assertThat(e.getMessage())
                .contains("Connections.Okta.Server: environment variable NOT_SET_ANYWHERE is not set")
                .contains("Connections.Okta.ApiKey: file " + dir.resolve("missing.txt") + " does not exist")
                .doesNotContain("is required");
    }

    @Test
    void builderSettingsAreValidatedByCreate() {
        OktaSettings s = OktaSettings.builder().connectionId("Okta").server("https://a.okta.com/").maxConcurrency(0)
                .build();
        assertThat(s.server()).isEqualTo("https://a.okta.com");
        assertThat(s.validate()).extracting(Problem::toString).containsExactly(
                "Connections.Okta.ApiKey: is required (an Okta API token, or ClientId with PrivateKeyPath or PrivateKey for OAuth)",
                "Connections.Okta.MaxConcurrency: must be between 1 and 64, not 0");
        assertThatThrownBy(() -> OktaConnector.create(s)).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("MaxConcurrency");
        OktaSettings ok = s.toBuilder().maxConcurrency(2).apiKey(Secret.of("00t")).build();
        assertThat(ok.validate()).isEmpty();
        assertThat(ok.maxConcurrency()).isEqualTo(2);
    }

    @Test
    void aKeyGivenTwiceWithDifferentCaseIsAmbiguous() throws IOException {
        Path f = write("{ \"Connections\": { \"Okta\": { \"Server\": \"https://a.okta.com\", \"server\": \"https://b.okta.com\", \"ApiKey\": \"00t\" } } }");
        assertThat(invalid(() -> OktaSettings.load(f, "Okta")).getMessage())
                .contains("Connections.Okta.Server: is given 2 times with different letter case");
    }
}
