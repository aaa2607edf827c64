package io.oktaconnector.examples.code;

import io.oktaconnector.api.Connectors;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ExportRequest;
import io.oktaconnector.api.ExportSummary;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.OktaConnector;
import io.oktaconnector.okta.OktaConnectorFactory;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.simulator.OktaSimulator;

import java.nio.file.Path;

/**
 * Example: an export into a custom {@link io.oktaconnector.api.TableSink}, here {@link JsonLinesSink}, through the
 * connector's instance API ({@link OktaConnector#export(ExportRequest)}). The exporter opens the five tables, streams
 * their rows into the sink and commits it when every table is complete, or aborts it on failure.
 *
 * <pre>
 * java -cp examples/target/okta-connector.jar io.oktaconnector.examples.code.JsonLinesSinkExample [OUTPUT_DIR]
 * </pre>
 * It starts a small simulated org on 127.0.0.1 and exports that.
 */
public final class JsonLinesSinkExample {

    private JsonLinesSinkExample() {
    }

    /**
     * Exports with the default columns into JSON lines files.
     *
     * @param settings  the connection
     * @param outputDir where the five {@code .jsonl} files go
     * @return rows per table, requests, time
     */
    public static ExportSummary export(OktaSettings settings, Path outputDir) {
        try (OktaConnector okta = Connectors.factory("Okta", OktaConnectorFactory.class).create(settings);
             JsonLinesSink sink = new JsonLinesSink(outputDir)) {
            return okta.export(new ExportRequest(sink, EntityMapping.DEFAULTS, ProgressListener.NONE));
        }
    }

    /**
     * Exports a small simulated org into JSON lines files.
     *
     * @param args optional: the output folder (default {@code JsonLinesOutput})
     */
    public static void main(String[] args) {
        Path output = Path.of(args.length > 0 ? args[0] : "JsonLinesOutput");
        try (OktaSimulator sim = OktaSimulator.builder().users(200).groups(20).apps(5).start()) {
            OktaSettings settings = OktaSettings.builder()
                    .connectionId("OktaExportFulfillment")
                    .server(sim.baseUrl())
                    .apiKey(Secret.of(sim.token()))
                    .allowInsecureHttp(true) // plain http is accepted only for a loopback host
                    .build();
            ExportSummary summary = export(settings, output);
            summary.rowsPerTable().forEach((table, rows) -> System.out.println(table + ".jsonl: " + rows + " rows"));
            System.out.println("written to " + output.toAbsolutePath());
        }
    }
}
