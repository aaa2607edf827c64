package io.oktaconnector.okta.internal.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.okta.ProtectedSettings;
import io.oktaconnector.okta.testing.TestKeyStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProtectedSettingsTest {
    private static final String API_KEY = "00ApiKeyValue-7b1c9e";
    private static final String PROXY_PASSWORD = "proxy-Pa55-word";
    private static final String DEFAULT_PASSWORD = "Initial#Pw-2024";
    private static final String OTHER_KEY = "00OtherConnectionKey";
    private static final String REFERENCE_LOOKALIKE = "${env:LOOKS_LIKE_A_REFERENCE}";

    @TempDir
    Path dir;
    Path settings;
    Path store;

    @BeforeEach
    void files() throws Exception {
        store = TestKeyStores.rsa("primary", dir);
        Files.writeString(dir.resolve("p12.password"), TestKeyStores.PASSWORD + "\n");
        settings = dir.resolve("appsettings.agent.json");
        Files.writeString(settings, """
                {
                  // the host's own sections stay as they are
                  "Logging": { "LogLevel": { "Default": "Information" } },
                  "EncryptionCertificate": { "File": "primary.p12", "Password": "${file:p12.password}" },
                  "Connections": {
                    "OktaExportFulfillment": {
                      "Server": "https://acme.okta.com",
                      "ApiKey": "%s",
                      "Proxy": { "Host": "proxy.local", "Port": 3128, "Username": "svc", "Password": "%s" },
                      "PasswordResetSettings": { "Mode": "Default", "DefaultPassword": "%s", "MustChange": true },
                    },
                    "OktaFromEnv": { "Server": "https://beta.okta.com", "ApiKey": "${env:OKTA_BETA_TOKEN}" },
                    "OktaOther": { "Server": "https://other.okta.com", "apikey": "%s", "ClientSecret": "" }
                  }
                }
                """.formatted(API_KEY, PROXY_PASSWORD, DEFAULT_PASSWORD, OTHER_KEY));
    }

    private SecretReferences refs() {
        return new SecretReferences(dir, Map.of("OKTA_BETA_TOKEN", "00beta")::get, List::of);
    }

    private JsonNode read(String connection) {
        return SecureSettingsReader.readConnection(settings, connection, refs());
    }

    @Test
    void protectMovesLiteralCredentialsIntoTheEncryptedFileAndLeavesTheRest() throws Exception {
        ProtectedSettings.Result result = ProtectedSettings.protect(settings, TestKeyStores.certificateOf(store));

        assertThat(result.encryptedFile()).isEqualTo(dir.resolve("appsettings.encrypted.agent.json"));
        assertThat(result.thumbprint()).hasSize(64);
        assertThat(result.protectedKeys()).containsExactlyInAnyOrder(
                "Connections.OktaExportFulfillment.ApiKey",
                "Connections.OktaExportFulfillment.Proxy.Password",
                "Connections.OktaExportFulfillment.PasswordResetSettings.DefaultPassword",
                "Connections.OktaOther.apikey");
        String plain = Files.readString(settings);
        String encrypted = Files.readString(result.encryptedFile());
        for (String secret : List.of(API_KEY, PROXY_PASSWORD, DEFAULT_PASSWORD, OTHER_KEY)) {
            assertThat(plain).doesNotContain(secret);
            assertThat(encrypted).doesNotContain(secret);
        }
        // non-secret keys and references stay readable in the plain file
        assertThat(plain).contains("https://acme.okta.com", "proxy.local", "\"svc\"", "${env:OKTA_BETA_TOKEN}",
                "\"Logging\"", "\"MustChange\" : true", "primary.p12");
        assertThat(encrypted).contains("enc:v1:").doesNotContain("acme.okta.com");
        JsonNode enc = SettingsJson.read(result.encryptedFile());
        assertThat(enc.at("/Connections/OktaExportFulfillment/Proxy/Password").asText()).startsWith("enc:v1:");
        assertThat(enc.at("/Connections/OktaFromEnv").isMissingNode()).isTrue();

        JsonNode c = read("OktaExportFulfillment");
        assertThat(c.get("ApiKey").asText()).isEqualTo(API_KEY);
        assertThat(c.at("/Proxy/Password").asText()).isEqualTo(PROXY_PASSWORD);
        assertThat(c.at("/Proxy/Host").asText()).isEqualTo("proxy.local");
        assertThat(c.at("/Proxy/Port").asInt()).isEqualTo(3128);
        assertThat(c.at("/PasswordResetSettings/DefaultPassword").asText()).isEqualTo(DEFAULT_PASSWORD);
        assertThat(read("OktaOther").get("apikey").asText()).isEqualTo(OTHER_KEY);
        assertThat(read("OktaFromEnv").get("ApiKey").asText()).isEqualTo("00beta");
    }

    @Test
    void protectAgainChangesNothingAndProtectWithTheKeyStoreWorks() throws Exception {
        ProtectedSettings.Result first = ProtectedSettings.protect(settings);
        assertThat(first.protectedKeys()).hasSize(4);
        String plain = Files.readString(settings);
        String encrypted = Files.readString(first.encryptedFile());

        ProtectedSettings.Result again = ProtectedSettings.protect(settings);
        assertThat(again.protectedKeys()).isEmpty();
        assertThat(Files.readString(settings)).isEqualTo(plain);
        assertThat(Files.readString(first.encryptedFile())).isEqualTo(encrypted);
        assertThat(read("OktaExportFulfillment").get("ApiKey").asText()).isEqualTo(API_KEY);
    }

    @Test
    void newCredentialsAddedLaterAreMergedIntoTheExistingEncryptedFile() throws Exception {
        ProtectedSettings.protect(settings);
        ObjectNode root = SettingsJson.read(settings);
        ((ObjectNode) root.at("/Connections/OktaFromEnv")).put("ApiKey", "00rotated-key");
        Files.write(settings, SettingsJson.MAPPER.writeValueAsBytes(root));

        ProtectedSettings.Result second = ProtectedSettings.protect(settings);
        assertThat(second.protectedKeys()).containsExactly("Connections.OktaFromEnv.ApiKey");
        assertThat(read("OktaFromEnv").get("ApiKey").asText()).isEqualTo("00rotated-key");
        assertThat(read("OktaExportFulfillment").get("ApiKey").asText()).isEqualTo(API_KEY);
    }

    @Test
    void encryptedValuesOverridePlainOnesKeyByKey() throws Exception {
        Path cert = TestKeyStores.certificateOf(store);
        ProtectedSettings.protect(settings, cert);
        ObjectNode root = SettingsJson.read(settings);
        ObjectNode okta = (ObjectNode) root.at("/Connections/OktaExportFulfillment");
        okta.put("ApiKey", "00stale-plain-value");
        okta.put("PageSize", 50);
        Files.write(settings, SettingsJson.MAPPER.writeValueAsBytes(root));

        JsonNode c = read("OktaExportFulfillment");
        assertThat(c.get("ApiKey").asText()).isEqualTo(API_KEY);
        assertThat(c.get("PageSize").asInt()).isEqualTo(50);
        assertThat(c.at("/Proxy/Username").asText()).isEqualTo("svc");
    }

    @Test
    void aTamperedValueNamesItsKeyAndNothingElse() throws Exception {
        ProtectedSettings.Result result = ProtectedSettings.protect(settings);
        ObjectNode enc = SettingsJson.read(result.encryptedFile());
        ObjectNode section = (ObjectNode) enc.at("/Connections/OktaExportFulfillment");
        String v = section.get("ApiKey").asText();
        char last = v.charAt(v.length() - 2);
        section.put("ApiKey", v.substring(0, v.length() - 2) + (last == 'A' ? 'B' : 'A') + v.charAt(v.length() - 1));
        Files.write(result.encryptedFile(), SettingsJson.MAPPER.writeValueAsBytes(enc));

        assertThatThrownBy(() -> read("OktaExportFulfillment"))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SETTINGS);
                    assertThat(e.getMessage()).startsWith("Connections.OktaExportFulfillment.ApiKey: ")
                            .doesNotContain(API_KEY).doesNotContain(v);
                });
        // another connection is unaffected
        assertThat(read("OktaOther").get("apikey").asText()).isEqualTo(OTHER_KEY);
    }

    @Test
    void valuesMovedBetweenConnectionsDoNotOpen() throws Exception {
        ProtectedSettings.Result result = ProtectedSettings.protect(settings);
        ObjectNode enc = SettingsJson.read(result.encryptedFile());
        String fromOther = enc.at("/Connections/OktaOther/apikey").asText();
        ((ObjectNode) enc.at("/Connections/OktaExportFulfillment")).put("ApiKey", fromOther);
        Files.write(result.encryptedFile(), SettingsJson.MAPPER.writeValueAsBytes(enc));
        assertThatThrownBy(() -> read("OktaExportFulfillment"))
                .isInstanceOf(ConnectorException.class)
                .hasMessageStartingWith("Connections.OktaExportFulfillment.ApiKey: ");
    }

    @Test
    void openingNeedsTheEncryptionCertificateSection() throws Exception {
        ProtectedSettings.protect(settings);
        ObjectNode root = SettingsJson.read(settings);
        root.remove("EncryptionCertificate");
        Files.write(settings, SettingsJson.MAPPER.writeValueAsBytes(root));
        assertThatThrownBy(() -> read("OktaExportFulfillment"))
                .isInstanceOf(ConnectorException.class)
                .hasMessageStartingWith("EncryptionCertificate: missing")
                .hasMessageContaining("Connections.OktaExportFulfillment.");
        // a connection without protected values needs no certificate
        assertThat(read("OktaFromEnv").get("Server").asText()).isEqualTo("https://beta.okta.com");
    }

    @Test
    void aWrongKeyStorePasswordNamesThePasswordKey() throws Exception {
        ProtectedSettings.protect(settings);
        Files.writeString(dir.resolve("p12.password"), "not-the-password");
        assertThatThrownBy(() -> read("OktaExportFulfillment"))
                .isInstanceOf(ConnectorException.class)
                .hasMessageStartingWith("EncryptionCertificate.Password: ")
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void anOpenedValueThatLooksLikeAReferenceStaysLiteral() throws Exception {
        ObjectNode root = SettingsJson.read(settings);
        ((ObjectNode) root.at("/Connections/OktaOther")).put("apikey", "$" + REFERENCE_LOOKALIKE);
        Files.write(settings, SettingsJson.MAPPER.writeValueAsBytes(root));
        assertThat(read("OktaOther").get("apikey").asText()).isEqualTo(REFERENCE_LOOKALIKE);

        assertThat(ProtectedSettings.protect(settings).protectedKeys()).contains("Connections.OktaOther.apikey");
        assertThat(read("OktaOther").get("apikey").asText()).isEqualTo(REFERENCE_LOOKALIKE);
    }

    @Test
    void aNewEncryptedFileIsOwnerOnlyAndThePlainFileKeepsItsPermissions() throws Exception {
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            Set<PosixFilePermission> before = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.GROUP_READ);
            Files.setPosixFilePermissions(settings, before);
            ProtectedSettings.Result result = ProtectedSettings.protect(settings);
            assertThat(Files.getPosixFilePermissions(result.encryptedFile()))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(Files.getPosixFilePermissions(settings)).isEqualTo(before);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aFileWithoutCredentialsIsLeftAlone() throws Exception {
        Files.writeString(settings, "{ \"Connections\": { \"Okta\": { \"ApiKey\": \"${env:X}\" } } }");
        ProtectedSettings.Result result = ProtectedSettings.protect(settings, TestKeyStores.certificateOf(store));
        assertThat(result.protectedKeys()).isEmpty();
        assertThat(result.encryptedFile()).doesNotExist();
        assertThat(Files.readString(settings)).contains("${env:X}");
    }

    @Test
    void aKeyStoreIsNotACertificateFile() {
        assertThatThrownBy(() -> ProtectedSettings.protect(settings, store))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("not an X.509 certificate");
    }

    @Test
    void encryptedFileNameFollowsTheSettingsFileName() {
        assertThat(ProtectedSettings.encryptedFileFor(dir.resolve("appsettings.agent.json")).getFileName().toString())
                .isEqualTo("appsettings.encrypted.agent.json");
        assertThat(ProtectedSettings.encryptedFileFor(dir.resolve("okta.json")).getFileName().toString())
                .isEqualTo("okta.encrypted.json");
        assertThat(ProtectedSettings.encryptedFileFor(dir.resolve("settings")).getFileName().toString())
                .isEqualTo("settings.encrypted");
    }
}
