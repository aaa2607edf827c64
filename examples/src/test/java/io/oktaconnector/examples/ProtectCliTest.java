package io.oktaconnector.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.simulator.OktaSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.oktaconnector.examples.CliTestSupport.ID;
import static io.oktaconnector.examples.CliTestSupport.TOKEN;
import static io.oktaconnector.examples.CliTestSupport.cli;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code protect}: a plain settings file becomes the protected pair, and the other commands still reach the org. */
class ProtectCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path keys;

    private static OktaSimulator sim;
    private static Path store;

    @TempDir
    Path dir;

    private Path settings;
    private Path encrypted;

    @BeforeAll
    static void start() throws Exception {
        store = KeyStores.rsa(keys, "settings-key");
        sim = CliTestSupport.simulator();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void files() throws IOException {
        settings = CliTestSupport.writeSettings(dir, sim.baseUrl(), TOKEN);
        encrypted = dir.resolve("appsettings.encrypted.agent.json");
        Files.copy(store, dir.resolve("settings-key.p12"));
        Files.copy(KeyStores.certificateOf(store), dir.resolve("settings-key.pem"));
        Files.writeString(dir.resolve("p12.password"), KeyStores.PASSWORD + "\n", StandardCharsets.UTF_8);
    }

    /** Adds the section that names the key store, its password as a file reference. */
    private void nameTheKeyStore() throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(settings.toFile());
        root.putObject("EncryptionCertificate").put("File", "settings-key.p12").put("Password", "${file:p12.password}");
        JSON.writerWithDefaultPrettyPrinter().writeValue(settings.toFile(), root);
    }

    private CliTestSupport.Run check() {
        return cli("check", "--settings", settings.toString(), "--connection", ID);
    }

    @Test
    void theTokenMovesIntoTheEncryptedFileAndTheConnectorStillReachesTheOrg() throws IOException {
        nameTheKeyStore();

        CliTestSupport.Run r = cli("protect", "--settings", settings.toString(),
                "--certificate", dir.resolve("settings-key.pem").toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out().lines().toList()).containsExactly(
                r.out().lines().findFirst().orElseThrow(), "  Connections." + ID + ".ApiKey");
        assertThat(r.out()).startsWith("Protected 1 credential of " + settings.toAbsolutePath() + " into "
                + encrypted.toAbsolutePath() + " (certificate SHA-256 ").doesNotContain(TOKEN);
        String plain = Files.readString(settings);
        assertThat(plain).doesNotContain(TOKEN).contains(sim.baseUrl()).contains("\"Logging\"");
        assertThat(Files.readString(encrypted)).doesNotContain(TOKEN).contains("enc:v1:");
        JsonNode enc = JSON.readTree(encrypted.toFile());
        assertThat(enc.at("/Connections/" + ID + "/ApiKey").asText()).startsWith("enc:v1:");
        assertThat(enc.at("/Connections/" + ID + "/Server").isMissingNode()).isTrue();

        // the other commands open the pair: the key store named in the plain file decrypts the token
        CliTestSupport.Run checked = check();
        assertThat(checked.code()).as(checked.err()).isZero();
        assertThat(checked.out()).startsWith("ok: connection " + ID).doesNotContain(TOKEN);
        Orders o = new Orders();
        o.newUser("P1", "protected@cli.example.com");
        CliTestSupport.Run fulfilled = cli("fulfill", "--settings", settings.toString(), "--connection", ID,
                "--orders", o.write(dir.resolve("orders.json")).toString(),
                "--results", dir.resolve("results.csv").toString());
        assertThat(fulfilled.code()).as(fulfilled.err()).isZero();
        assertThat(sim.org().user("protected@cli.example.com")).isPresent();
    }

    @Test
    void withoutACertificateTheKeyStoreOfTheSettingsIsUsedAndASecondRunChangesNothing() throws IOException {
        nameTheKeyStore();

        CliTestSupport.Run first = cli("protect", "--settings", settings.toString());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("  Connections." + ID + ".ApiKey");
        String plain = Files.readString(settings);
        String sealed = Files.readString(encrypted);

        CliTestSupport.Run again = cli("protect", "--settings", settings.toString());

        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).startsWith("Nothing to protect: " + settings.toAbsolutePath());
        assertThat(Files.readString(settings)).isEqualTo(plain);
        assertThat(Files.readString(encrypted)).isEqualTo(sealed);
        assertThat(check().code()).isZero();
    }

    @Test
    void withoutAKeyStoreSectionTheOutputSaysWhatIsMissing() throws IOException {
        CliTestSupport.Run r = cli("protect", "--settings", settings.toString(),
                "--certificate", dir.resolve("settings-key.pem").toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Note: appsettings.agent.json has no EncryptionCertificate section yet");
        // and until it has one, the settings cannot be opened: one error line, no token
        CliTestSupport.Run checked = check().failedWithOneErrorLine();
        assertThat(checked.errorLine()).doesNotContain(TOKEN);

        nameTheKeyStore();
        assertThat(check().code()).isZero();
    }

    @Test
    void aFileThatIsNotACertificateIsOneErrorLineAndChangesNothing() throws IOException {
        String before = Files.readString(settings);

        CliTestSupport.Run r = cli("protect", "--settings", settings.toString(),
                "--certificate", dir.resolve("p12.password").toString()).failedWithOneErrorLine();

        assertThat(r.errorLine()).contains("p12.password").doesNotContain(KeyStores.PASSWORD).doesNotContain(TOKEN);
        assertThat(r.out()).isEmpty();
        assertThat(Files.readString(settings)).isEqualTo(before);
        assertThat(encrypted).doesNotExist();
    }

    @Test
    void aMissingSettingsFileOrCertificateIsOneErrorLine() {
        CliTestSupport.Run noSettings = cli("protect", "--settings", dir.resolve("nowhere.json").toString(),
                "--certificate", dir.resolve("settings-key.pem").toString()).failedWithOneErrorLine();
        assertThat(noSettings.errorLine()).contains("nowhere.json");

        CliTestSupport.Run noCertificate = cli("protect", "--settings", settings.toString(),
                "--certificate", dir.resolve("missing.pem").toString()).failedWithOneErrorLine();
        assertThat(noCertificate.errorLine()).contains("missing.pem");
        assertThat(encrypted).doesNotExist();
    }

    @Test
    void withoutACertificateAndWithoutASectionIsOneErrorLine() {
        CliTestSupport.Run r = cli("protect", "--settings", settings.toString()).failedWithOneErrorLine();

        assertThat(r.errorLine()).contains("EncryptionCertificate");
        assertThat(encrypted).doesNotExist();
    }
}
