package io.oktaconnector.okta.internal.oauth;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrivateKeysTest {
    private static final String KEY = "Connections.Okta.PrivateKey";
    static KeyPair rsa;
    static KeyPair ec;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator r = KeyPairGenerator.getInstance("RSA");
        r.initialize(2048);
        rsa = r.generateKeyPair();
        KeyPairGenerator e = KeyPairGenerator.getInstance("EC");
        e.initialize(new ECGenParameterSpec("secp256r1"));
        ec = e.generateKeyPair();
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @Test
    void readsPkcs8RsaAndEcWithSurroundingText() {
        PrivateKey r = PrivateKeys.parse("\n  Bag Attributes: x\n" + pem("PRIVATE KEY", rsa.getPrivate().getEncoded()), KEY);
        assertThat(r.getEncoded()).isEqualTo(rsa.getPrivate().getEncoded());
        PrivateKey e = PrivateKeys.parse(pem("PRIVATE KEY", ec.getPrivate().getEncoded()), KEY);
        assertThat(e.getAlgorithm()).isEqualTo("EC");
        assertThat(((ECPrivateKey) e).getS()).isEqualTo(((ECPrivateKey) ec.getPrivate()).getS());
    }

    @Test
    void readsPkcs1Rsa() {
        byte[] pkcs8 = rsa.getPrivate().getEncoded();
        PrivateKey r = PrivateKeys.parse(pem("RSA PRIVATE KEY", innerOctetString(pkcs8)), KEY);
        assertThat(r.getEncoded()).isEqualTo(pkcs8);
    }

    @Test
    void readsSec1EcWithItsCurve() {
        byte[] d = fixed(((ECPrivateKey) ec.getPrivate()).getS(), 32);
        byte[] prime256v1 = HexFormat.of().parseHex("06082a8648ce3d030107");
        byte[] sec1 = tlv(0x30, concat(HexFormat.of().parseHex("020101"), tlv(0x04, d), tlv(0xa0, prime256v1)));
        PrivateKey e = PrivateKeys.parse(pem("EC PRIVATE KEY", sec1), KEY);
        assertThat(((ECPrivateKey) e).getS()).isEqualTo(((ECPrivateKey) ec.getPrivate()).getS());
        byte[] noCurve = tlv(0x30, concat(HexFormat.of().parseHex("020101"), tlv(0x04, d)));
        assertThatThrownBy(() -> PrivateKeys.parse(pem("EC PRIVATE KEY", noCurve), KEY))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("names no curve");
    }

    @Test
    void refusalsNameTheKeyNeverTheContent() {
        String body = Base64.getEncoder().encodeToString(rsa.getPrivate().getEncoded()).substring(0, 40);
        for (String bad : new String[]{body, "-----BEGIN PRIVATE KEY-----\n%%%%\n-----END PRIVATE KEY-----",
                pem("ENCRYPTED PRIVATE KEY", new byte[]{1, 2, 3}), pem("CERTIFICATE", new byte[]{1, 2, 3}),
                pem("PRIVATE KEY", Arrays.copyOf(rsa.getPrivate().getEncoded(), 100))}) {
            assertThatThrownBy(() -> PrivateKeys.parse(bad, KEY))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SETTINGS);
                        assertThat(e.getMessage()).startsWith(KEY + ": ").doesNotContain(body);
                    });
        }
        assertThatThrownBy(() -> PrivateKeys.parse(pem("ENCRYPTED PRIVATE KEY", new byte[]{1}), KEY))
                .hasMessageContaining("encrypted");
    }

    @Test
    void smallRsaKeysAreRefused() throws Exception {
        KeyPairGenerator r = KeyPairGenerator.getInstance("RSA");
        r.initialize(1024);
        PrivateKey small = r.generateKeyPair().getPrivate();
        assertThatThrownBy(() -> new ClientAssertion("c", "https://x/oauth2/v1/token", small, null, KEY))
                .isInstanceOf(ConnectorException.class).hasMessageStartingWith(KEY + ": ").hasMessageContaining("2048");
    }

    @Test
    void assertionsCarryTheDocumentedClaims() throws Exception {
        ClientAssertion a = new ClientAssertion("0oa1", "https://acme.okta.com/oauth2/v1/token", rsa.getPrivate(), "k1", KEY);
        String[] parts = a.sign(java.time.Instant.ofEpochSecond(1_700_000_000)).split("\\.");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.get("iss").asText()).isEqualTo("0oa1");
        assertThat(claims.get("sub").asText()).isEqualTo("0oa1");
        assertThat(claims.get("aud").asText()).isEqualTo("https://acme.okta.com/oauth2/v1/token");
        assertThat(claims.get("iat").asLong()).isEqualTo(1_700_000_000L);
        assertThat(claims.get("exp").asLong()).isEqualTo(1_700_000_300L);
        assertThat(claims.get("jti").asText()).hasSize(36);
        assertThat(json.readTree(Base64.getUrlDecoder().decode(parts[0])).get("kid").asText()).isEqualTo("k1");
        assertThat(a.sign(java.time.Instant.ofEpochSecond(1_700_000_000)).split("\\.")[1]).isNotEqualTo(parts[1]);
    }

    private static byte[] innerOctetString(byte[] pkcs8) {
        // SEQUENCE { INTEGER 0, SEQUENCE { OID, NULL }, OCTET STRING { … } }: the last element
        int p = headerEnd(pkcs8, 0);
        p = skip(pkcs8, p);
        p = skip(pkcs8, p);
        int start = headerEnd(pkcs8, p);
        return Arrays.copyOfRange(pkcs8, start, pkcs8.length);
    }

    private static int headerEnd(byte[] der, int at) {
        int len = der[at + 1] & 0xff;
        return len > 0x80 ? at + 2 + (len & 0x7f) : at + 2;
    }

    private static int skip(byte[] der, int at) {
        int len = der[at + 1] & 0xff;
        int start = at + 2;
        if (len > 0x80) {
            int n = len & 0x7f;
            len = new BigInteger(1, Arrays.copyOfRange(der, start, start + n)).intValue();
            start += n;
        }
        return start + len;
    }

    private static byte[] fixed(BigInteger v, int n) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[n];
        int copy = Math.min(n, b.length);
        System.arraycopy(b, b.length - copy, out, n - copy, copy);
        return out;
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        out.write(content.length);
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
