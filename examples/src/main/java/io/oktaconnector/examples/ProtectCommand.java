package io.oktaconnector.examples;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.oktaconnector.okta.ProtectedSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.Callable;

/** {@code protect --settings FILE [--certificate FILE]}. */
@Command(name = "protect", sortOptions = false,
        description = {"Turns a plain settings file into a protected one: its credentials move, encrypted, into "
                + "appsettings.encrypted.agent.json beside it.",
                "Every literal credential of every connection (ApiKey, PrivateKey, ClientSecret, DefaultPassword and "
                        + "each Password, at any depth) is encrypted for an X.509 certificate (RSA-OAEP with SHA-256 "
                        + "wrapping an AES-256-GCM key). Every other key stays readable in the plain file; secret "
                        + "references ($${env:NAME}, $${file:PATH}, vault references) stay as they are. Running it "
                        + "again only adds what is new.",
                "The connector opens the values with the PKCS#12 key store named in the plain file's "
                        + "EncryptionCertificate section (File, Password, optional Alias).",
                "Prints the protected key paths, never a value."})
final class ProtectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--settings", required = true, paramLabel = "FILE",
            description = "The plain settings file (appsettings.agent.json); rewritten without its credentials.")
    Path settings;

    @Option(names = "--certificate", paramLabel = "FILE",
            description = "The X.509 certificate (PEM or DER, RSA of at least 2048 bits) to protect for: only its "
                    + "public key is needed. Without it, the certificate of the key store named in the "
                    + "EncryptionCertificate section is used, and each new value is checked to open again.")
    Path certificate;

    @Override
    public Integer call() {
        ProtectedSettings.Result result = certificate == null ? ProtectedSettings.protect(settings)
                : ProtectedSettings.protect(settings, certificate);
        PrintWriter out = spec.commandLine().getOut();
        Path plain = settings.toAbsolutePath().normalize();
        Path encrypted = result.encryptedFile().toAbsolutePath().normalize();
        if (result.protectedKeys().isEmpty()) {
            out.println("Nothing to protect: " + plain + " holds no literal credential (references and values "
                    + "already in " + encrypted.getFileName() + " stay as they are); no file changed");
        } else {
            out.println("Protected " + FulfillReport.count(result.protectedKeys().size(), "credential") + " of "
                    + plain + " into " + encrypted + " (certificate SHA-256 " + result.thumbprint() + "):");
            result.protectedKeys().forEach(k -> out.println("  " + k));
        }
        if (!namesAKeyStore(plain)) {
            out.println("Note: " + plain.getFileName() + " has no EncryptionCertificate section yet. The connector "
                    + "needs one to open the protected values: { \"EncryptionCertificate\": { \"File\": \"<key store "
                    + ".p12>\", \"Password\": \"${env:<VARIABLE>}\" } }");
        }
        out.flush();
        return OktaConnectorCli.OK;
    }

    /** @return whether the plain file has an {@code EncryptionCertificate} section (any letter case); false if unreadable */
    static boolean namesAKeyStore(Path plainSettings) {
        ObjectMapper json = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                .enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();
        try {
            JsonNode root = json.readTree(plainSettings.toFile());
            if (root == null || !root.isObject()) {
                return false;
            }
            for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (name.equalsIgnoreCase("EncryptionCertificate") && root.get(name).isObject()) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
