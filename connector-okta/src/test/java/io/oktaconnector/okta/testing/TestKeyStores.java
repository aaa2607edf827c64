package io.oktaconnector.okta.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * PKCS#12 key stores and their certificates made with the JDK's own {@code keytool}, as an operator would. Generated
 * once per JVM (RSA 3072 takes a moment) and copied into each test's folder.
 */
public final class TestKeyStores {
    /** Password of every store made here. */
    public static final String PASSWORD = "store-pass-7781";

    private static final Map<String, Path> CACHE = new ConcurrentHashMap<>();
    private static Path home;

    private TestKeyStores() {
    }

    /**
     * A key store and its PEM certificate, copied into {@code folder}.
     *
     * @param name   a name for the key pair; the same name gives the same key pair within a JVM
     * @param keyAlg {@code RSA} or {@code EC}
     * @param bits   key size
     * @param folder where to copy {@code <name>.p12} and {@code <name>.pem}
     * @return the copied key store; the certificate is {@link #certificateOf(Path)}
     */
    public static Path keyStore(String name, String keyAlg, int bits, Path folder) {
        Path source = CACHE.computeIfAbsent(name + "-" + keyAlg + "-" + bits, k -> generate(k, name, keyAlg, bits));
        try {
            Path store = folder.resolve(name + ".p12");
            Files.copy(source, store, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(source.resolveSibling(source.getFileName().toString().replace(".p12", ".pem")),
                    certificateOf(store), StandardCopyOption.REPLACE_EXISTING);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return an RSA 3072 key store named {@code name} in {@code folder} */
    public static Path rsa(String name, Path folder) {
        return keyStore(name, "RSA", 3072, folder);
    }

    /** @return the PEM certificate beside a key store made by {@link #keyStore} */
    public static Path certificateOf(Path keyStore) {
        return keyStore.resolveSibling(keyStore.getFileName().toString().replace(".p12", ".pem"));
    }

    /**
     * Adds the key entry of another store made here to {@code target} (a store with two certificates).
     */
    public static void importInto(Path target, Path other, String alias) {
        run(List.of(keytool(), "-importkeystore", "-srckeystore", other.toString(), "-srcstoretype", "PKCS12",
                "-srcstorepass", PASSWORD, "-srcalias", "settings", "-destkeystore", target.toString(),
                "-deststoretype", "PKCS12", "-deststorepass", PASSWORD, "-destalias", alias, "-noprompt"));
    }

    /**
     * A TLS server key store for 127.0.0.1 (RSA 2048, SAN IP:127.0.0.1) and a PKCS#12 trust store holding only its
     * certificate, in {@code folder}.
     *
     * @return {server.p12, trust.p12}
     */
    public static Path[] tlsServer(Path folder) {
        Path server = folder.resolve("tls-server.p12");
        Path pem = folder.resolve("tls-server.pem");
        Path trust = folder.resolve("trust.p12");
        run(List.of(keytool(), "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "30", "-storetype", "PKCS12",
                "-keystore", server.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt"));
        run(List.of(keytool(), "-exportcert", "-rfc", "-alias", "server", "-storetype", "PKCS12",
                "-keystore", server.toString(), "-storepass", PASSWORD, "-file", pem.toString()));
        run(List.of(keytool(), "-importcert", "-noprompt", "-alias", "corp-ca", "-file", pem.toString(),
                "-storetype", "PKCS12", "-keystore", trust.toString(), "-storepass", PASSWORD));
        return new Path[]{server, trust};
    }

    private static synchronized Path home() throws IOException {
        if (home == null) {
            home = Files.createTempDirectory("okta-connector-test-keys");
            Path h = home;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (Stream<Path> s = Files.walk(h)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // best effort
                }
            }));
        }
        return home;
    }

    private static Path generate(String key, String name, String keyAlg, int bits) {
        try {
            Path dir = home();
            Path store = dir.resolve(key + ".p12");
            Path pem = dir.resolve(key + ".pem");
            List<String> gen = new ArrayList<>(List.of(keytool(), "-genkeypair", "-alias", "settings",
                    "-keyalg", keyAlg, "-keysize", Integer.toString(bits), "-dname", "CN=" + name,
                    "-validity", "30", "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt"));
            run(gen);
            run(List.of(keytool(), "-exportcert", "-rfc", "-alias", "settings", "-storetype", "PKCS12",
                    "-keystore", store.toString(), "-storepass", PASSWORD, "-file", pem.toString()));
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String keytool() {
        return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + new String(out, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
