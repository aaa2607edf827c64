package io.oktaconnector.examples;

import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ExportRequest;
import io.oktaconnector.api.ExportSummary;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.csv.CsvOptions;
import io.oktaconnector.csv.CsvTableSink;
import io.oktaconnector.okta.OktaConnector;
import io.oktaconnector.okta.OktaSettings;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs one export into CSV files and prints its summary: shared by {@code export} and {@code demo}. */
final class ExportRunner {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean interactive;

    /**
     * @param out         receives the summary
     * @param err         receives progress, only when {@code interactive}
     * @param interactive whether {@code err} is a terminal
     */
    ExportRunner(PrintWriter out, PrintWriter err, boolean interactive) {
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    /**
     * Exports, then prints the summary on {@code out}.
     *
     * @return the export's summary
     * @throws io.oktaconnector.api.ConnectorException when the export fails (the previous files are untouched)
     */
    ExportSummary export(OktaSettings settings, EntityMapping mapping, Path outputDir) {
        TerminalProgress progress = interactive ? new TerminalProgress(err, settings.connectionId()) : null;
        ExportSummary summary;
        Path directory;
        Map<String, Path> files = new LinkedHashMap<>();
        try (OktaConnector okta = CliConnectors.create(settings);
             CsvTableSink sink = CsvTableSink.open(outputDir,
                     CsvOptions.DEFAULTS.withFormulaEscaping(settings.csvFormulaEscaping()), settings.outputLockWait())) {
            summary = okta.export(new ExportRequest(sink, mapping, progress == null ? ProgressListener.NONE : progress));
            directory = sink.directory();
            for (String table : summary.rowsPerTable().keySet()) {
                files.put(table, sink.file(table));
            }
        } finally {
            if (progress != null) {
                progress.finish();
            }
        }
        out.print(ExportReport.format(settings, directory, files, summary));
        out.flush();
        return summary;
    }
}
