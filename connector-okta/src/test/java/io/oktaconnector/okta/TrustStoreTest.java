package io.oktaconnector.okta;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.testing.TestKeyStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A TLS-inspecting network's own CA: trusted only when the connection's TrustStore names it. */
class TrustStoreTest {
    @TempDir
    static Path dir;
    static HttpsServer server;
    static Path trust;
    static final AtomicInteger answered = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        Path[] stores = TestKeyStores.tlsServer(dir);
        trust = stores[1];
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(stores[0])) {
            ks.load(in, TestKeyStores.PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, TestKeyStores.PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", ex -> {
            answered.incrementAndGet();
            byte[] body = (ex.getRequestURI().getPath().contains("/meta/schemas/") ? "{}" : "[]")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
            ex.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static OktaSettings.Builder settings() {
        return OktaSettings.builder().connectionId("Okta").server("https://127.0.0.1:" + server.getAddress().getPort())
                .apiKey(Secret.of("00tok-tls"));
    }

    @Test
    void anUnknownCaIsRefusedWithoutTheTrustStore() {
        int before = answered.get();
        try (OktaConnector okta = OktaConnector.create(settings().build())) {
            assertThatThrownBy(okta::check).isInstanceOfSatisfying(ConnectorException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                assertThat(e.getMessage()).contains("TLS");
            });
        }
        assertThat(answered.get()).isEqualTo(before);
    }

    @Test
    void theTrustStoreMakesTheCaTrusted() {
        int before = answered.get();
        OktaSettings s = settings().trustStore(new TrustStoreSettings(trust, Secret.of(TestKeyStores.PASSWORD), "PKCS12"))
                .build();
        try (OktaConnector okta = OktaConnector.create(s)) {
            okta.check();
        }
        assertThat(answered.get() - before).isEqualTo(5);
    }

    @Test
    void aWrongTrustStorePasswordFailsAtCreation() {
        OktaSettings s = settings().trustStore(new TrustStoreSettings(trust, Secret.of("wrong-pass"), "PKCS12")).build();
        assertThatThrownBy(() -> OktaConnector.create(s)).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SETTINGS);
            assertThat(e.getMessage()).startsWith("Connections.Okta.TrustStore: ").doesNotContain("wrong-pass");
        });
    }

    @Test
    void aMissingTrustStoreIsASettingsProblem() {
        OktaSettings s = settings().trustStore(new TrustStoreSettings(dir.resolve("absent.p12"), null, "JKS2")).build();
        assertThat(s.validate()).extracting(p -> p.key()).contains("Connections.Okta.TrustStore.File",
                "Connections.Okta.TrustStore.Type");
    }
}
