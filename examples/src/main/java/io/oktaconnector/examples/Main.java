package io.oktaconnector.examples;

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
        int code = OktaConnectorCli.run(args, System.out, System.err, System.console() != null);
        System.exit(code);
    }
}
