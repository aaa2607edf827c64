package io.oktaconnector.okta.fulfill;

import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.OktaConnector;
import io.oktaconnector.okta.OktaSettings;

import java.nio.file.Path;

/** The child JVM of the crash test: fulfills an orders folder through the public API until it is killed. */
public final class KillableRun {
    private KillableRun() {
    }

    /** @param args simulator URL, token, orders folder, results file */
    public static void main(String[] args) {
        OktaSettings settings = OktaSettings.builder().connectionId("OktaExportFulfillment").server(args[0])
                .apiKey(Secret.of(args[1])).allowInsecureHttp(true).maxConcurrency(3).build();
        try (OktaConnector okta = OktaConnector.create(settings)) {
            okta.fulfill(Path.of(args[2]), Path.of(args[3]), EntityMapping.DEFAULTS, false, ProgressListener.NONE);
        }
    }
}
