package io.oktaconnector.api;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of a successful export.
 *
 * @param rowsPerTable rows written per table name, in the order the tables were opened; never {@code null}
 * @param requests     HTTP requests sent to the target, retries included
 * @param elapsed      wall time of the whole export, never {@code null}
 * @since 0.1
 */
public record ExportSummary(Map<String, Long> rowsPerTable, long requests, Duration elapsed) {
    /**
     * Checks the components (see the type's description).
     *
     * @param rowsPerTable rows written per table name, in the order the tables were opened; never {@code null}
     * @param requests     HTTP requests sent to the target, retries included
     * @param elapsed      wall time of the whole export, never {@code null}
     */
    public ExportSummary {
        rowsPerTable = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(rowsPerTable, "rowsPerTable == null")));
        Objects.requireNonNull(elapsed, "elapsed == null");
    }

    /** @return the rows of all tables together */
    public long totalRows() {
        return rowsPerTable.values().stream().mapToLong(Long::longValue).sum();
    }
}
