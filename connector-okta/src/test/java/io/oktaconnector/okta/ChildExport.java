package io.oktaconnector.okta;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ExportSummary;
import io.oktaconnector.api.Secret;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link AmbientConfigurationTest}: loads the settings, exports, then checks once with a wrong
 * token. Prints one line per step on stdout.
 */
public final class ChildExport {

    private ChildExport() {
    }

    public static void main(String[] args) {
        OktaSettings settings = OktaSettings.load(Path.of(args[0]), args[1]);
        ExportSummary summary = OktaConnector.export(settings, Path.of(args[2]));
        System.out.println("exported " + summary.rowsPerTable() + " requests=" + summary.requests());
        OktaSettings wrong = settings.toBuilder().apiKey(Secret.of(args[3])).build();
        try (OktaConnector okta = OktaConnector.create(wrong)) {
            okta.check();
            System.out.println("check unexpectedly succeeded");
        } catch (ConnectorException e) {
            System.out.println("check " + e.code());
        }
    }
}
