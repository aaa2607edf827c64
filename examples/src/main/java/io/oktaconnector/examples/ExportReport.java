package io.oktaconnector.examples;

import io.oktaconnector.api.ExportSummary;
import io.oktaconnector.okta.OktaSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** The summary an export prints on stdout: one line per file with its rows, then the totals. */
final class ExportReport {

    private ExportReport() {
    }

    /**
     * <pre>
     * Exported OktaExportFulfillment (https://acme.okta.com) into /data/ExportOutput
     *   OktaExportFulfillment_users.csv         3000 rows
     *   ...
     * 5 files, 9876 rows, 212 requests, 2.1 s
     * </pre>
     */
    static String format(OktaSettings settings, Path directory, Map<String, Path> files, ExportSummary summary) {
        StringBuilder sb = new StringBuilder();
        sb.append("Exported ").append(settings.connectionId()).append(" (").append(settings.server()).append(") into ")
                .append(directory).append(System.lineSeparator());
        int width = files.values().stream().mapToInt(p -> p.getFileName().toString().length()).max().orElse(0);
        for (Map.Entry<String, Path> e : files.entrySet()) {
            long rows = summary.rowsPerTable().getOrDefault(e.getKey(), 0L);
            long dropped = summary.duplicatesDropped().getOrDefault(e.getKey(), 0L);
            sb.append(String.format(Locale.ROOT, "  %-" + width + "s %10d rows%s%n", e.getValue().getFileName(), rows,
                    dropped == 0 ? "" : " (" + dropped + " duplicate" + (dropped == 1 ? "" : "s")
                            + " sent by the server, dropped)"));
        }
        sb.append(String.format(Locale.ROOT, "%d files, %d rows, %d requests, %s%n",
                files.size(), summary.totalRows(), summary.requests(), seconds(summary.elapsed())));
        return sb.toString();
    }

    /** @return the duration in seconds with one decimal, e.g. {@code 2.1 s} */
    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
