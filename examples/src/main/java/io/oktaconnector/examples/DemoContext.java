package io.oktaconnector.examples;

import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.simulator.OktaSimulator;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a {@link DemoStep} works with.
 *
 * @param simulator    the running demo org (its ground truth and request log are there to show results)
 * @param settings     the loaded settings of the demo connection
 * @param settingsFile the settings file in the temporary folder (holds the token: never print its content)
 * @param workFolder   a temporary folder, deleted when the demo ends (e.g. for an orders file)
 * @param outputDir    where the export's CSV files go (absolute)
 * @param exporter     runs an export and prints its summary
 * @param fulfiller    runs a fulfill (without progress lines)
 * @param out          the demo's stdout
 */
record DemoContext(OktaSimulator simulator, OktaSettings settings, Path settingsFile, Path workFolder, Path outputDir,
                   ExportRunner exporter, FulfillRunner fulfiller, PrintWriter out) {
    DemoContext {
        Objects.requireNonNull(simulator, "simulator == null");
        Objects.requireNonNull(settings, "settings == null");
        Objects.requireNonNull(settingsFile, "settingsFile == null");
        Objects.requireNonNull(workFolder, "workFolder == null");
        Objects.requireNonNull(outputDir, "outputDir == null");
        Objects.requireNonNull(exporter, "exporter == null");
        Objects.requireNonNull(fulfiller, "fulfiller == null");
        Objects.requireNonNull(out, "out == null");
    }
}
