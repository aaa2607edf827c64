package io.oktaconnector.okta;

import io.oktaconnector.api.ConnectionSettings;
import io.oktaconnector.api.Connector;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.Connectors;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.ExportRequest;
import io.oktaconnector.api.ExportSummary;
import io.oktaconnector.api.Exporter;
import io.oktaconnector.api.Secret;
import io.oktaconnector.csv.CsvTableSink;
import io.oktaconnector.simulator.OktaSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.oktaconnector.okta.TestSupport.readCsv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link OktaConnectorFactory}: found through the SPI by name, settings read as the settings file reads them. */
class OktaConnectorFactoryTest {
    @TempDir
    Path dir;

    @Test
    void theFactoryIsFoundByNameAndItsConnectorExportsThroughTheSpi() throws Exception {
        assertThat(Connectors.names()).contains("Okta");
        assertThat(Connectors.factory("Okta")).isInstanceOf(OktaConnectorFactory.class);
        assertThat(Connectors.factory("Okta", OktaConnectorFactory.class).name()).isEqualTo("Okta");
        try (OktaSimulator sim = OktaSimulator.builder().seed(3).users(7).groups(3).apps(2).start()) {
            ConnectionSettings settings = new ConnectionSettings("Spi", Map.of("Server", sim.baseUrl() + "/ ",
                    "AllowInsecureHttp", "true", "PageSize", "2", "Proxy.Host", ""), Map.of("ApiKey",
                    Secret.of(sim.token())));
            // Proxy.Host "" is a problem: nested keys reach the same checks as a file's nested objects
            assertThatThrownBy(() -> Connectors.factory("Okta").create(settings)).isInstanceOfSatisfying(
                    ConnectorException.class, e -> assertThat(e.getMessage()).isEqualTo(
                            "invalid settings of connection Spi: Connections.Spi.Proxy.Host: is required with Proxy"));
            Map<String, String> values = new LinkedHashMap<>(settings.values());
            values.remove("Proxy.Host");
            try (Connector connector = Connectors.factory("Okta").create(new ConnectionSettings("Spi", values,
                    settings.secrets()));
                 CsvTableSink sink = CsvTableSink.open(dir)) {
                assertThat(connector.id()).isEqualTo("Spi");
                connector.check();
                ExportSummary summary = ((Exporter) connector).export(ExportRequest.of(sink));
                assertThat(summary.rowsPerTable().get("Spi_users")).isEqualTo(7L);
                assertThat(((OktaConnector) connector).settings().pageSize()).hasValue(2);
            }
            assertThat(readCsv(dir.resolve("Spi_users.csv")).rows()).hasSize(7);
        }
    }

    @Test
    void badValuesGiveTheSettingsFilesMessagesAndSecretsAreNeverQuoted() throws Exception {
        Path file = dir.resolve("appsettings.agent.json");
        Files.writeString(file, "{\"Connections\":{\"Okta\":{\"ApiKey\":\"k\",\"PageSize\":\"many\","
                + "\"MaxDeletesPerRun\":\"-1\",\"UserDeleteMode\":\"Never\",\"Proxy\":{\"Port\":\"x\"}}}}");
        String fromFile = message(() -> OktaSettings.load(file, "Okta"));
        String fromSpi = message(() -> Connectors.factory("Okta").create(new ConnectionSettings("Okta",
                Map.of("PageSize", "many", "MaxDeletesPerRun", "-1", "UserDeleteMode", "Never", "Proxy.Port", "x"),
                Map.of("ApiKey", Secret.of("k")))));
        assertThat(fromFile).startsWith("invalid settings in " + file + ": ");
        assertThat(fromSpi).startsWith("invalid settings of connection Okta: ");
        assertThat(fromSpi.substring(fromSpi.indexOf(": ") + 2))
                .isEqualTo(fromFile.substring(("invalid settings in " + file + ": ").length()))
                .contains("Connections.Okta.Server", "Connections.Okta.PageSize", "Never");

        String hidden = message(() -> Connectors.factory("Okta").create(new ConnectionSettings("Okta",
                Map.of("Server", "https://acme.okta.com"), Map.of("ApiKey", Secret.of("k"),
                "UserDeleteMode", Secret.of("TopSecretMode")))));
        assertThat(hidden).contains("Connections.Okta.UserDeleteMode").doesNotContain("TopSecretMode");
    }

    @Test
    void anUnknownNameNamesTheAvailableConnectors() {
        assertThatThrownBy(() -> Connectors.factory("Octa")).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SETTINGS);
            assertThat(e.getMessage()).startsWith("no connector named \"Octa\" (available: ").contains("Okta");
        });
    }

    private static String message(Runnable r) {
        try {
            r.run();
        } catch (ConnectorException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SETTINGS);
            return e.getMessage();
        }
        throw new AssertionError("no exception");
    }
}
