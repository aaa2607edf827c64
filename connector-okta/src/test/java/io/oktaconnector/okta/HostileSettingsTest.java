package io.oktaconnector.okta;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.okta.internal.secret.ProtectedValues;
import io.oktaconnector.okta.internal.settings.SettingsReader;
import io.oktaconnector.okta.testing.TestKeyStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A hostile or careless settings file (issue 13): messages about a bad value never quote a value that came from a
 * secret reference or the protected file, quote plain values only as a short sanitised excerpt and not at all when
 * they look like a credential; a huge file is refused before it is parsed; the new keys {@code OutputLockWaitSeconds}
 * and {@code CsvFormulaEscaping} are read and checked.
 */
class HostileSettingsTest {
    private static final String ID = "Okta";
    private static final String KEY = "Connections.Okta.";
    private static final String TOKEN = "00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789xy";
    private static final String SHADOW = "root:$6$rounds=5000$saltsalt$V3ryS3cretHashValue0123456789abcdef:19000:0:99999:7:::\n"
            + "daemon:*:19000:0:99999:7:::\n";
    private static final Map<String, String> ENV = Map.of("OKTA_SERVER", TOKEN, "DELETE_MODE", "Hunter2-password",
            "STORE_TYPE", "SeCrEt-TyPe-Value", "RESET_MODE", "Pa55word!");

    @TempDir
    Path dir;

    private Path write(String connection) throws IOException {
        Path f = dir.resolve("appsettings.agent.json");
        Files.writeString(f, "{\"Connections\":{\"" + ID + "\":{" + connection + "}}}");
        return f;
    }

    private String failure(String connection) throws IOException {
        Path f = write(connection);
        ConnectorException e = org.junit.jupiter.api.Assertions.assertThrows(ConnectorException.class,
                () -> new SettingsReader(ENV::get).load(f, ID));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SETTINGS);
        return e.getMessage();
    }

    @Test
    void aServerFromAFileReferenceIsNeverQuoted() throws IOException {
        Files.writeString(dir.resolve("shadow"), SHADOW);
        String m = failure("\"Server\":\"${file:shadow}\",\"ApiKey\":\"" + TOKEN + "\"");
        assertThat(m).endsWith(KEY + "Server: the value of its secret reference is not a valid URL "
                + "(expected e.g. https://acme.okta.com)");
        assertThat(m).doesNotContain("root", "V3ryS3cret", "daemon", "$6$");
    }

    @Test
    void aServerFromAnEnvironmentReferenceIsNeverQuoted() throws IOException {
        String m = failure("\"Server\":\"${env:OKTA_SERVER}\",\"ApiKey\":\"00x\"");
        assertThat(m).contains(KEY + "Server: the value of its secret reference is not").doesNotContain(TOKEN, "00aBcDeF");
    }

    @Test
    void aServerFromTheProtectedFileIsNeverQuoted() throws Exception {
        Path store = TestKeyStores.rsa("primary", dir);
        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(TestKeyStores.certificateOf(store))) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        Files.writeString(dir.resolve("p12.password"), TestKeyStores.PASSWORD);
        Path f = dir.resolve("appsettings.agent.json");
        Files.writeString(f, "{\"EncryptionCertificate\":{\"File\":\"" + store.getFileName() + "\",\"Password\":"
                + "\"${file:p12.password}\"},\"Connections\":{\"Okta\":{\"ApiKey\":\"00x\"}}}");
        Files.writeString(dir.resolve("appsettings.encrypted.agent.json"), "{\"Connections\":{\"Okta\":{\"Server\":\""
                + ProtectedValues.seal("Connections.Okta.Server", TOKEN, certificate, new SecureRandom()) + "\"}}}");
        assertThatThrownBy(() -> OktaSettings.load(f, ID)).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.getMessage()).contains(KEY + "Server: the value of its secret reference is not an absolute URL");
            assertThat(e.getMessage()).doesNotContain(TOKEN, "00aBcDeF");
        });
    }

    @Test
    void aTokenPastedIntoServerOrUserDeleteModeIsNotQuoted() throws IOException {
        String m = failure("\"Server\":\"" + TOKEN + "\",\"ApiKey\":\"00x\",\"UserDeleteMode\":\"" + TOKEN + "\"");
        assertThat(m).contains(KEY + "Server: the value (not shown: it looks like a credential) is not an absolute URL",
                KEY + "UserDeleteMode: must be DeactivateOnly or DeactivateAndDelete, not the value (not shown: it "
                        + "looks like a credential)");
        assertThat(m).doesNotContain(TOKEN, "00aBcDeF");
    }

    @Test
    void referencedEnumerationValuesAreNeverQuoted() throws IOException {
        Files.writeString(dir.resolve("store.p12"), "not a key store");
        String m = failure("\"Server\":\"https://acme.okta.com\",\"ApiKey\":\"00x\",\"UserDeleteMode\":\"${env:DELETE_MODE}\","
                + "\"TrustStore\":{\"File\":\"store.p12\",\"Type\":\"${env:STORE_TYPE}\"},"
                + "\"PasswordResetSettings\":{\"Mode\":\"${env:RESET_MODE}\"}");
        assertThat(m).contains(KEY + "UserDeleteMode: must be DeactivateOnly or DeactivateAndDelete, not the value of its "
                        + "secret reference",
                KEY + "TrustStore.Type: must be PKCS12 or JKS",
                KEY + "PasswordResetSettings.Mode: must be OktaEmail, Generate or Default, not the value of its secret "
                        + "reference");
        assertThat(m.toLowerCase()).doesNotContain("hunter2", "secret-type", "pa55word");
    }

    @Test
    void plainValuesAreQuotedShortAndSanitised() throws IOException {
        String m = failure("\"Server\":\"acme\\u202E.okta.com\\u200B" + "x".repeat(5000) + "\",\"ApiKey\":\"00x\","
                + "\"UserDeleteMode\":\"DeactivateOnlyy\",\"PasswordResetSettings\":{\"Mode\":\"Sometimes\"}");
        assertThat(m).contains(KEY + "Server: \"acme\\u202E.okta.com\\u200B" + "x".repeat(17) + "… (5015 characters)\" is not");
        assertThat(m).contains(KEY + "UserDeleteMode: must be DeactivateOnly or DeactivateAndDelete, not \"DeactivateOnlyy\"",
                KEY + "PasswordResetSettings.Mode: must be OktaEmail, Generate or Default, not \"Sometimes\"");
        assertThat(m.codePoints()).noneMatch(c -> Character.getType(c) == Character.FORMAT);
        assertThat(m).hasSizeLessThan(600);
    }

    @Test
    void aSettingsFileLargerThanTheCapIsRefusedBeforeItIsParsed() throws IOException {
        Path f = dir.resolve("appsettings.agent.json");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.write("{\"Connections\":{\"Okta\":{\"Server\":\"".getBytes());
            raf.setLength(90L * 1024 * 1024); // sparse: 90 MB of zero bytes after it
        }
        assertThatThrownBy(() -> OktaSettings.load(f, ID)).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SETTINGS);
            assertThat(e.getMessage()).isEqualTo("settings file " + f + " is 90.0 MB, more than the 1 MB a settings file "
                    + "may hold");
        });
    }

    @Test
    void aProtectedFileLargerThanTheCapIsRefused() throws IOException {
        Path f = write("\"Server\":\"https://acme.okta.com\",\"ApiKey\":\"00x\"");
        Path encrypted = dir.resolve("appsettings.encrypted.agent.json");
        try (RandomAccessFile raf = new RandomAccessFile(encrypted.toFile(), "rw")) {
            raf.setLength(2L * 1024 * 1024);
        }
        assertThatThrownBy(() -> OktaSettings.load(f, ID)).isInstanceOfSatisfying(ConnectorException.class, e ->
                assertThat(e.getMessage()).contains("the settings file " + encrypted + " is 2.0 MB, more than the 1 MB "
                        + "a settings file may hold"));
    }

    @Test
    void aDeviceThatNeverEndsIsRefusedToo() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(zero), "a Unix /dev/zero");
        assertThatThrownBy(() -> OktaSettings.load(zero, ID)).isInstanceOfSatisfying(ConnectorException.class, e ->
                assertThat(e.getMessage()).isEqualTo("settings file /dev/zero is larger than the 1 MB a settings file "
                        + "may hold"));
    }

    @Test
    void theLockWaitAndFormulaEscapingAreReadAndChecked() throws IOException {
        Path f = write("\"Server\":\"https://acme.okta.com\",\"ApiKey\":\"00x\",\"OutputLockWaitSeconds\":45,"
                + "\"CsvFormulaEscaping\":true");
        OktaSettings s = OktaSettings.load(f, ID);
        assertThat(s.outputLockWait()).isEqualTo(Duration.ofSeconds(45));
        assertThat(s.csvFormulaEscaping()).isTrue();
        assertThat(s.toBuilder().build().outputLockWait()).isEqualTo(Duration.ofSeconds(45));
        OktaSettings defaults = OktaSettings.load(write("\"Server\":\"https://acme.okta.com\",\"ApiKey\":\"00x\""), ID);
        assertThat(defaults.outputLockWait()).isEqualTo(Duration.ofMinutes(10)).isEqualTo(OktaSettings.DEFAULT_OUTPUT_LOCK_WAIT);
        assertThat(defaults.csvFormulaEscaping()).isFalse();

        String m = failure("\"Server\":\"https://acme.okta.com\",\"ApiKey\":\"00x\",\"OutputLockWaitSeconds\":-1,"
                + "\"CsvFormulaEscaping\":\"sometimes\"");
        assertThat(m).contains(KEY + "CsvFormulaEscaping: must be true or false",
                KEY + "OutputLockWaitSeconds: must be between 0 and 86400 seconds, not -1");
        assertThat(failure("\"Server\":\"https://acme.okta.com\",\"ApiKey\":\"00x\",\"OutputLockWaitSeconds\":86401"))
                .contains(KEY + "OutputLockWaitSeconds: must be between 0 and 86400 seconds, not 86401");
        assertThat(SettingsReader.knownKeys()).contains("OutputLockWaitSeconds", "CsvFormulaEscaping");
    }
}
