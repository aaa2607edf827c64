package com.example.bom;

import io.oktaconnector.api.ExportSummary;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.OktaConnector;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.simulator.OktaSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** With the BOM imported, the modules resolve without versions and work together. */
class BomConsumerTest {

    @Test
    void exportsFromSettingsBuiltInCode(@TempDir Path dir) {
        try (OktaSimulator sim = OktaSimulator.builder().users(12).groups(3).apps(2).start()) {
            OktaSettings settings = OktaSettings.builder().connectionId("Okta").server(sim.baseUrl())
                    .apiKey(Secret.of(sim.token())).allowInsecureHttp(true).build();

            ExportSummary summary = OktaConnector.export(settings, dir);

            assertEquals(sim.org().userCount(), summary.rowsPerTable().get("Okta_users"));
        }
    }
}
