package io.oktaconnector.examples.spi;

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
import io.oktaconnector.okta.OktaConnectorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two connectors on the class path, found by name through {@link Connectors}; the trivial one exports to CSV. */
class ConnectorSpiTest {
    @TempDir
    Path dir;

    @Test
    void bothConnectorsAreFoundByNameAndTheTrivialOneExportsThroughTheSpi() throws Exception {
        assertThat(Connectors.names()).containsExactly("Okta", "Trivial");
        assertThat(Connectors.factory("Okta")).isInstanceOf(OktaConnectorFactory.class);
        assertThat(Connectors.factory("Trivial")).isInstanceOf(TrivialConnectorFactory.class);

        ConnectionSettings settings = new ConnectionSettings("Demo", Map.of("Count", "3"),
                Map.of("Token", Secret.of("abcd")));
        try (Connector connector = Connectors.factory("Trivial").create(settings);
             CsvTableSink sink = CsvTableSink.open(dir)) {
            assertThat(connector.id()).isEqualTo("Demo");
            ExportSummary summary = ((Exporter) connector).export(ExportRequest.of(sink));
            assertThat(summary.rowsPerTable()).containsExactly(Map.entry("Demo_things", 3L));
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("Demo_things.csv");
        }
        assertThat(Files.readString(dir.resolve("Demo_things.csv"), StandardCharsets.UTF_8))
                .isEqualTo("id,name,tokenLength\r\n1,thing 1,4\r\n2,thing 2,4\r\n3,thing 3,4\r\n");
    }

    @Test
    void anUnknownNameFailsNamingEveryAvailableConnector() {
        assertThatThrownBy(() -> Connectors.factory("Salesforce")).isInstanceOfSatisfying(ConnectorException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SETTINGS);
                    assertThat(e.getMessage()).isEqualTo("no connector named \"Salesforce\" (available: Okta, Trivial);"
                            + " add the connector's artifact to the class path");
                });
        assertThatThrownBy(() -> Connectors.factory("Trivial", OktaConnectorFactory.class))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.getMessage())
                        .contains("Trivial", TrivialConnectorFactory.class.getName()));
    }
}
