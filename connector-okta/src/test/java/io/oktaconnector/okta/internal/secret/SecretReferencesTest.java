package io.oktaconnector.okta.internal.secret;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.Problem;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.SecretResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretReferencesTest {
    private static final String KEY = "Connections.Okta.ApiKey";

    @TempDir
    Path dir;

    private SecretReferences refs(Map<String, String> env, SecretResolver... resolvers) {
        return new SecretReferences(dir, env::get, () -> List.of(resolvers));
    }

    @Test
    void literalValuesPassThroughUnchanged() {
        SecretReferences r = refs(Map.of());
        assertThat(r.resolve(KEY, "00abc")).isEqualTo("00abc");
        assertThat(r.resolve(KEY, "${unclosed")).isEqualTo("${unclosed");
        assertThat(r.resolve(KEY, "pre ${env:X}")).isEqualTo("pre ${env:X}");
        assertThat(r.resolve(KEY, "$$abc")).isEqualTo("$$abc");
        assertThat(r.resolve(KEY, null)).isNull();
    }

    @Test
    void environmentReferenceResolvesAndTrimsTheReference() {
        assertThat(refs(Map.of("OKTA_TOKEN", "00tok")).resolve(KEY, "  ${env:OKTA_TOKEN} ")).isEqualTo("00tok");
        assertThat(refs(Map.of("OKTA_TOKEN", "00tok")).resolveSecret(KEY, "${ENV:OKTA_TOKEN}").reveal()).isEqualTo("00tok");
    }

    @Test
    void missingEnvironmentVariableNamesKeyAndKind() {
        assertThatThrownBy(() -> refs(Map.of()).resolve(KEY, "${env:NOPE}"))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SETTINGS);
                    assertThat(e.getMessage()).startsWith(KEY + ": ").contains("environment variable NOPE", "${env:}");
                });
    }

    @Test
    void emptyResolvedValueIsAnError() {
        assertThatThrownBy(() -> refs(Map.of("E", "  ")).resolve(KEY, "${env:E}"))
                .isInstanceOf(ConnectorException.class).hasMessageContaining(KEY).hasMessageContaining("is empty");
        assertThatThrownBy(() -> refs(Map.of()).resolve(KEY, "${env: }"))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("names nothing");
    }

    @Test
    void fileReferenceIsRelativeToTheSettingsFolderAndTrimmed() throws Exception {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/token.txt"), "\uFEFF  00file-token \r\n\n", StandardCharsets.UTF_8);
        assertThat(refs(Map.of()).resolve(KEY, "${file:secrets/token.txt}")).isEqualTo("00file-token");
        assertThat(refs(Map.of()).resolve(KEY, "${file:" + dir.resolve("secrets/token.txt") + "}"))
                .isEqualTo("00file-token");
    }

    @Test
    void fileReferenceKeepsInnerLineBreaksOfAPem() throws Exception {
        String pem = "-----BEGIN PRIVATE KEY-----\nAAAA\nBBBB\n-----END PRIVATE KEY-----";
        Files.writeString(dir.resolve("key.pem"), "\n" + pem + "\n");
        assertThat(refs(Map.of()).resolve(KEY, "${file:key.pem}")).isEqualTo(pem);
    }

    @Test
    void missingOrBinaryFileNamesKeyNotContent() throws Exception {
        assertThatThrownBy(() -> refs(Map.of()).resolve(KEY, "${file:absent.txt}"))
                .isInstanceOf(ConnectorException.class)
                .hasMessageStartingWith(KEY + ": ").hasMessageContaining("${file:}").hasMessageContaining("does not exist");
        Files.write(dir.resolve("bin"), new byte[]{(byte) 0xC3, (byte) 0x28, 'S', 'E', 'C'});
        assertThatThrownBy(() -> refs(Map.of()).resolve(KEY, "${file:bin}"))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("not UTF-8")
                .hasMessageNotContaining("SEC");
    }

    @Test
    void escapedValueIsLiteral() {
        SecretReferences r = refs(Map.of("X", "no"));
        assertThat(r.resolve(KEY, "$${env:X}")).isEqualTo("${env:X}");
        assertThat(r.resolve(KEY, "$$${env:X}")).isEqualTo("$${env:X}");
        for (String literal : List.of("${env:X}", "$${env:X}", "plain", "$$abc", "${")) {
            assertThat(r.resolve(KEY, SecretReferences.escape(literal))).as(literal).isEqualTo(literal);
        }
        assertThat(SecretReferences.isReference("${env:X}")).isTrue();
        assertThat(SecretReferences.isReference("$${env:X}")).isFalse();
        assertThat(SecretReferences.unescape("$${vault:a}")).isEqualTo("${vault:a}");
    }

    @Test
    void vaultSchemeGoesToItsResolver() {
        SecretResolver vault = new MapVaultResolver("vault",
                Map.of(SecretResolver.conventionalName("OktaExportFulfillment", "ApiKey"), "00vault"));
        assertThat(refs(Map.of(), vault).resolve(KEY, "${vault:Connections--OktaExportFulfillment--ApiKey}"))
                .isEqualTo("00vault");
        assertThat(refs(Map.of(), vault).resolve(KEY, "${VAULT:Connections--OktaExportFulfillment--ApiKey}"))
                .isEqualTo("00vault");
    }

    @Test
    void conventionalNameJoinsNestedKeysWithDoubleDashes() {
        assertThat(SecretResolver.conventionalName("OktaExportFulfillment", "ApiKey"))
                .isEqualTo("Connections--OktaExportFulfillment--ApiKey");
        assertThat(SecretResolver.conventionalName("Okta", "Proxy.Password")).isEqualTo("Connections--Okta--Proxy--Password");
    }

    @Test
    void resolversAreFoundWithTheServiceLoader() throws Exception {
        Path settings = dir.resolve("appsettings.agent.json");
        Files.writeString(settings, "{}");
        SecretReferences r = SecretReferences.forSettingsFile(settings, List.of());
        assertThat(r.resolve(KEY, "${testvault:Connections--Okta--ApiKey}")).isEqualTo(ServiceLoadedVault.VALUE);
    }

    @Test
    void unknownSchemeAndUnknownNameNameKeyAndKind() {
        assertThatThrownBy(() -> refs(Map.of()).resolve(KEY, "${vault:x}"))
                .isInstanceOf(ConnectorException.class)
                .hasMessageStartingWith(KEY + ": ").hasMessageContaining("${vault:}").hasMessageContaining("no secret resolver");
        SecretResolver vault = new MapVaultResolver("vault", Map.of());
        assertThatThrownBy(() -> refs(Map.of(), vault).resolve(KEY, "${vault:absent}"))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SETTINGS);
                    assertThat(e.getMessage()).startsWith(KEY + ": ").contains("${vault:}", "not found");
                });
    }

    @Test
    void failingResolverIsUnavailableWithoutItsMessage() {
        SecretResolver broken = new SecretResolver() {
            @Override
            public String scheme() {
                return "vault";
            }

            @Override
            public Optional<Secret> resolve(String name) {
                throw new IllegalStateException("connection to vault failed, token=S3CR3T");
            }
        };
        assertThatThrownBy(() -> refs(Map.of(), broken).resolve(KEY, "${vault:x}"))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(e.getMessage()).contains(KEY).doesNotContain("S3CR3T");
                });
    }

    @Test
    void duplicateOrReservedSchemesAreRefused() {
        SecretResolver a = new MapVaultResolver("vault", Map.of());
        SecretResolver b = new MapVaultResolver("Vault", Map.of());
        assertThatThrownBy(() -> refs(Map.of(), a, b).resolve(KEY, "${vault:x}"))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("two secret resolvers");
        assertThatThrownBy(() -> refs(Map.of(), new MapVaultResolver("env", Map.of())).resolve(KEY, "${vault:x}"))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("'env'");
        // env and file never consult the resolvers, so a broken resolver set does not matter for them
        assertThat(refs(Map.of("X", "1"), a, b).resolve(KEY, "${env:X}")).isEqualTo("1");
    }

    @Test
    void problemVariantRecordsInsteadOfThrowing() {
        List<Problem> problems = new ArrayList<>();
        assertThat(refs(Map.of()).resolve(KEY, "${env:NOPE}", problems)).isNull();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo(KEY);
            assertThat(p.message()).contains("NOPE").doesNotStartWith(KEY);
        });
    }

    /** A vault backed by a map. */
    record MapVaultResolver(String scheme, Map<String, String> entries) implements SecretResolver {
        @Override
        public Optional<Secret> resolve(String name) {
            return Optional.ofNullable(entries.get(name)).map(Secret::of);
        }
    }
}
