package io.oktaconnector.okta.reliability;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ExportSummary;
import io.oktaconnector.okta.OktaConnector;
import io.oktaconnector.okta.OktaSettings;

import java.nio.file.Path;

/**
 * Run in a child JVM with a small heap by {@link HostileServerTest}: loads the settings and exports. Prints one line,
 * {@code exported …} (exit 0) or {@code error CODE message} (exit 1); an {@link OutOfMemoryError} ends the JVM with
 * its own message and exit code.
 */
public final class HostileChild {

    private HostileChild() {
    }

    public static void main(String[] args) {
        try {
            ExportSummary summary = OktaConnector.export(OktaSettings.load(Path.of(args[0]), args[1]), Path.of(args[2]));
            System.out.println("exported " + summary.rowsPerTable());
        } catch (ConnectorException e) {
            System.out.println("error " + e.code() + " " + e.getMessage());
            System.exit(1);
        }
    }
}
