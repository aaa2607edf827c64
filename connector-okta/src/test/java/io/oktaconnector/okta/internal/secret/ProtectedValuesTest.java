package io.oktaconnector.okta.internal.secret;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.okta.testing.TestKeyStores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProtectedValuesTest {
    private static final String KEY = "Connections.Okta.ApiKey";
    private static final String SECRET = "00SsWsTokenValue-for-tests";

    @TempDir
    static Path dir;
    static X509Certificate cert;
    static KeyRing ring;
    static Path store;

    @BeforeAll
    static void keys() throws Exception {
        store = TestKeyStores.rsa("primary", dir);
        cert = certificate(TestKeyStores.certificateOf(store));
        ring = KeyRing.load(store, TestKeyStores.PASSWORD.toCharArray(), null);
    }

    static X509Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static String seal(String keyPath, String value) {
        return ProtectedValues.seal(keyPath, value, cert, new SecureRandom());
    }

    @Test
    void sealedValueOpensAndHidesTheValue() {
        String sealed = seal(KEY, SECRET);
        assertThat(sealed).startsWith("enc:v1:").doesNotContain(SECRET);
        assertThat(ProtectedValues.isProtected(sealed)).isTrue();
        assertThat(ProtectedValues.open(KEY, sealed, ring)).isEqualTo(SECRET);
        assertThat(ProtectedValues.open(KEY, "  " + sealed + "\n", ring)).isEqualTo(SECRET);
        assertThat(seal(KEY, SECRET)).isNotEqualTo(sealed); // fresh key and nonce each time
        assertThat(ProtectedValues.open(KEY, seal(KEY, "é€ 🙂 multi\nline"), ring)).isEqualTo("é€ 🙂 multi\nline");
    }

    @Test
    void formatIsTheDocumentedOneAndOpensWithPlainJdkCalls() throws Exception {
        byte[] raw = Base64.getUrlDecoder().decode(seal(KEY, SECRET).substring("enc:v1:".length()));
        ByteBuffer in = ByteBuffer.wrap(raw);
        byte[] thumb = new byte[32];
        in.get(thumb);
        assertThat(thumb).isEqualTo(java.security.MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        byte[] wrapped = new byte[in.getShort()];
        assertThat(wrapped).hasSize(384); // RSA 3072
        in.get(wrapped);
        byte[] iv = new byte[12];
        in.get(iv);
        byte[] sealed = new byte[in.remaining()];
        in.get(sealed);

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream s = Files.newInputStream(store)) {
            ks.load(s, TestKeyStores.PASSWORD.toCharArray());
        }
        PrivateKey pk = (PrivateKey) ks.getKey("settings", TestKeyStores.PASSWORD.toCharArray());
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        rsa.init(Cipher.DECRYPT_MODE, pk,
                new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        byte[] aesKey = rsa.doFinal(wrapped);
        assertThat(aesKey).hasSize(32);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new GCMParameterSpec(128, iv));
        gcm.updateAAD(("enc:v1:" + KEY).getBytes(StandardCharsets.UTF_8));
        gcm.updateAAD(thumb);
        assertThat(new String(gcm.doFinal(sealed), StandardCharsets.UTF_8)).isEqualTo(SECRET);
    }

    @Test
    void everyChangedByteIsDetectedAndNamesTheKeyOnly() {
        String sealed = seal(KEY, SECRET);
        byte[] raw = Base64.getUrlDecoder().decode(sealed.substring("enc:v1:".length()));
        // thumbprint, wrapped-key length, wrapped key, nonce, ciphertext, tag
        for (int at : new int[]{40, 34 + 100, 34 + 384 + 3, 34 + 384 + 12 + 2, raw.length - 1}) {
            byte[] changed = raw.clone();
            changed[at] ^= 0x01;
            String tampered = "enc:v1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(changed);
            assertThatThrownBy(() -> ProtectedValues.open(KEY, tampered, ring)).as("byte %d", at)
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SETTINGS);
                        assertThat(e.getMessage()).startsWith(KEY + ": ").doesNotContain(SECRET);
                    });
        }
        byte[] lengthChanged = raw.clone();
        lengthChanged[33] ^= 0x01;
        assertThatThrownBy(() -> ProtectedValues.open(KEY,
                "enc:v1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(lengthChanged), ring))
                .isInstanceOf(ConnectorException.class).hasMessageStartingWith(KEY + ": ");
    }

    @Test
    void aValueMovedToAnotherKeyDoesNotOpen() {
        String sealed = seal(KEY, SECRET);
        assertThatThrownBy(() -> ProtectedValues.open("Connections.Other.ApiKey", sealed, ring))
                .isInstanceOf(ConnectorException.class)
                .hasMessageStartingWith("Connections.Other.ApiKey: ").hasMessageContaining("moved from another key");
    }

    @Test
    void malformedAndUnknownVersionsGiveClearMessages() {
        assertThatThrownBy(() -> ProtectedValues.open(KEY, "enc:v2:AAAA", ring))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("'v2'");
        assertThatThrownBy(() -> ProtectedValues.open(KEY, "enc:v1:***", ring))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("malformed");
        assertThatThrownBy(() -> ProtectedValues.open(KEY, "enc:v1:AAAA", ring))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("too short");
        String sealed = seal(KEY, SECRET);
        assertThatThrownBy(() -> ProtectedValues.open(KEY, sealed.substring(0, sealed.length() - 30), ring))
                .isInstanceOf(ConnectorException.class).hasMessageStartingWith(KEY + ": ");
    }

    @Test
    void aValueForAnotherCertificateSaysWhichThumbprints(@TempDir Path other) throws Exception {
        Path otherStore = TestKeyStores.keyStore("secondary", "RSA", 2048, other);
        KeyRing otherRing = KeyRing.load(otherStore, TestKeyStores.PASSWORD.toCharArray(), null);
        String sealed = seal(KEY, SECRET);
        String expected = HexFormat.of().formatHex(ProtectedValues.thumbprint(cert));
        String actual = HexFormat.of().formatHex(ProtectedValues.thumbprint(certificate(TestKeyStores.certificateOf(otherStore))));
        assertThatThrownBy(() -> ProtectedValues.open(KEY, sealed, otherRing))
                .isInstanceOf(ConnectorException.class)
                .hasMessageStartingWith(KEY + ": ").hasMessageContaining(expected).hasMessageContaining(actual);
    }

    @Test
    void aStoreWithTwoCertificatesOpensValuesOfBoth(@TempDir Path rotation) throws Exception {
        Path both = TestKeyStores.rsa("primary", rotation);
        Path second = TestKeyStores.keyStore("secondary", "RSA", 2048, rotation);
        TestKeyStores.importInto(both, second, "next");
        KeyRing two = KeyRing.load(both, TestKeyStores.PASSWORD.toCharArray(), null);
        X509Certificate secondCert = certificate(TestKeyStores.certificateOf(second));
        assertThat(ProtectedValues.open(KEY, seal(KEY, "one"), two)).isEqualTo("one");
        assertThat(ProtectedValues.open(KEY, ProtectedValues.seal(KEY, "two", secondCert, new SecureRandom()), two))
                .isEqualTo("two");
        assertThat(two.certificate()).isIn(cert, secondCert);
        KeyRing onlyNext = KeyRing.load(both, TestKeyStores.PASSWORD.toCharArray(), "next");
        assertThatThrownBy(() -> ProtectedValues.open(KEY, seal(KEY, "one"), onlyNext))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("thumbprint");
    }

    @Test
    void weakOrNonRsaCertificatesAreRefused(@TempDir Path weak) throws Exception {
        X509Certificate small = certificate(TestKeyStores.certificateOf(TestKeyStores.keyStore("small", "RSA", 1024, weak)));
        assertThatThrownBy(() -> ProtectedValues.seal(KEY, SECRET, small, new SecureRandom()))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("1024 bits");
        X509Certificate ec = certificate(TestKeyStores.certificateOf(TestKeyStores.keyStore("ec", "EC", 256, weak)));
        assertThatThrownBy(() -> ProtectedValues.seal(KEY, SECRET, ec, new SecureRandom()))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("RSA key");
    }

    @Test
    void keyStoreErrorsNameTheSectionKey(@TempDir Path d) {
        assertThatThrownBy(() -> KeyRing.load(store, "wrong-password".toCharArray(), null))
                .isInstanceOf(ConnectorException.class).hasMessageStartingWith("EncryptionCertificate.Password: ")
                .hasMessageNotContaining("wrong-password");
        assertThatThrownBy(() -> KeyRing.load(d.resolve("absent.p12"), "x".toCharArray(), null))
                .isInstanceOf(ConnectorException.class).hasMessageStartingWith("EncryptionCertificate.File: ");
        assertThatThrownBy(() -> KeyRing.load(store, TestKeyStores.PASSWORD.toCharArray(), "nope"))
                .isInstanceOf(ConnectorException.class).hasMessageStartingWith("EncryptionCertificate.Alias: ")
                .hasMessageContaining("settings");
        assertThat(Arrays.asList(KeyRing.load(store, TestKeyStores.PASSWORD.toCharArray(), "SETTINGS").certificate()))
                .containsExactly(cert);
    }
}
