package io.oktaconnector.api;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of a successful export.
 *
 * @param rowsPerTable       rows written per table name, in the order the tables were opened; never {@code null}
 * @param requests           HTTP requests sent to the target, retries included
 * @param elapsed            wall time of the whole export, never {@code null}
 * @param duplicatesDropped  per table name, objects the target sent more than once (the same id again in one list)
 *                           that were written once; only tables with some, never {@code null} (since 0.2)
 * @since 0.1
 */
public record ExportSummary(Map<String, Long> rowsPerTable, long requests, Duration elapsed,
                            Map<String, Long> duplicatesDropped) {
    /**
     * Checks the components (see the type's description).
     *
     * @param rowsPerTable      rows written per table name, in the order the tables were opened; never {@code null}
     * @param requests          HTTP requests sent to the target, retries included
     * @param elapsed           wall time of the whole export, never {@code null}
     * @param duplicatesDropped per table name, objects sent more than once that were written once; never {@code null}
     */
    public ExportSummary {
        rowsPerTable = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(rowsPerTable, "rowsPerTable == null")));
        Objects.requireNonNull(elapsed, "elapsed == null");
        duplicatesDropped = Collections.unmodifiableMap(new LinkedHashMap<>(
                Objects.requireNonNull(duplicatesDropped, "duplicatesDropped == null")));
    }

    /**
     * An outcome with no duplicate dropped.
     *
     * @param rowsPerTable rows written per table name
     * @param requests     HTTP requests sent
     * @param elapsed      wall time
     */
    public ExportSummary(Map<String, Long> rowsPerTable, long requests, Duration elapsed) {
        this(rowsPerTable, requests, elapsed, Map.of());
    }

    /** @return the rows of all tables together */
    public long totalRows() {
        return rowsPerTable.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * @return the duplicates dropped in all tables together
     * @since 0.2
     */
    public long totalDuplicatesDropped() {
        return duplicatesDropped.values().stream().mapToLong(Long::longValue).sum();
    }
}
