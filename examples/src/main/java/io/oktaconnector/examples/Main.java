package io.oktaconnector.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The entry point of {@code okta-connector.jar}.
 *
 * <pre>
 * java -jar examples/target/okta-connector.jar demo
 * java -jar examples/target/okta-connector.jar export --settings appsettings.agent.json --connection OktaExportFulfillment --output ExportOutput
 * java -jar examples/target/okta-connector.jar fulfill --settings appsettings.agent.json --connection OktaExportFulfillment --orders FulfillInput --results results.csv
 * </pre>
 *
 * @since 0.1
 */
public final class Main {

    private Main() {
    }

    /**
     * Configures logging (before any logger exists), runs the command and exits the JVM with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        LogSetup.configure(LogSetup.verboseRequested(args));
        // progress goes to stderr, so it is drawn only when stderr is a terminal (System.console() looks at
        // stdin and stdout: `... 2>log` or `... | tee` would get it wrong)
        int code = OktaConnectorCli.run(args, System.out, System.err, stderrIsTerminal());
        System.exit(code);
    }

    /** @return whether this process's stderr is a terminal; {@code false} wherever that cannot be told */
    static boolean stderrIsTerminal() {
        return isTerminal(System.getProperty("os.name", ""), Path.of("/proc/self/fd/2"));
    }

    /**
     * @param osName the {@code os.name} property
     * @param fd     the {@code /proc} link of a file descriptor
     * @return whether the descriptor is a terminal: on Linux, its link resolves to {@code /dev/pts/*} or
     *         {@code /dev/tty*}; on any other platform {@code false} (no progress rather than escape codes in a file)
     */
    static boolean isTerminal(String osName, Path fd) {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(fd).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
