package io.oktaconnector.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A PKCS#12 key store and its PEM certificate made with the JDK's own {@code keytool}, as an operator would. */
final class KeyStores {
    /** The key store's password. */
    static final String PASSWORD = "p12-Pa55-for-tests";
    static final String ALIAS = "settings";

    private KeyStores() {
    }

    /**
     * Makes {@code <name>.p12} (RSA 2048, self-signed) and {@code <name>.pem} (its certificate) in {@code folder}.
     *
     * @return the key store; the certificate is {@link #certificateOf}
     */
    static Path rsa(Path folder, String name) throws IOException, InterruptedException {
        Path store = folder.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=okta-connector settings test", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-file", certificateOf(store).toString());
        return store;
    }

    static Path certificateOf(Path store) {
        return store.resolveSibling(store.getFileName().toString().replace(".p12", ".pem"));
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
        }
        if (!Files.exists(Path.of(args[args.length - 1])) && args[0].equals("-exportcert")) {
            throw new IllegalStateException("keytool wrote no certificate: " + output);
        }
    }
}
