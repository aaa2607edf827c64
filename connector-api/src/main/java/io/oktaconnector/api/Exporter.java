package io.oktaconnector.api;

/**
 * Exports the target's objects into a {@link TableSink}.
 *
 * @since 0.1
 */
public interface Exporter {

    /**
     * Exports every table. On success the sink has been committed; on failure it has been aborted, so previously
     * published tables are untouched. Blocks the calling thread until done; may use worker threads internally and
     * leaves none running when it returns.
     *
     * @param request what to export and where to, never {@code null}
     * @return rows per table, requests made and time taken, never {@code null}
     * @throws ConnectorException with the code of the first failure that stopped the export
     */
    ExportSummary export(ExportRequest request);
}
