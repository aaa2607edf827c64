package io.oktaconnector.api;

import java.util.List;

/**
 * Where an export writes its tables: the pluggable writer. The default implementation writes CSV files
 * ({@code connector-csv}); a host may pass its own (a database, a message queue, …).
 *
 * <p>Life cycle: the exporter calls {@link #open} once per table, streams rows into each {@link TableWriter}, then
 * calls exactly one of {@link #commit()} (every table complete: publish them all) or {@link #abort()} (discard them
 * all, leaving whatever was published before untouched). {@link #close()} after either releases resources and, when
 * neither was called, aborts.
 *
 * <p>Threads: {@code open}, {@code commit} and {@code abort} are called from one thread at a time; different tables
 * may be written concurrently from different threads, each table by one thread at a time.
 *
 * @since 0.1
 */
public interface TableSink extends AutoCloseable {

    /**
     * Opens a table. The rows written to it become visible only on {@link #commit()}.
     *
     * @param table   the table's name, e.g. {@code OktaExportFulfillment_users}; a validated identifier, never
     *                {@code null}
     * @param columns the column headers in order, never {@code null} or empty; each row has this many values
     * @return the writer for that table, never {@code null}
     * @throws ConnectorException {@link ErrorCode#IO} when the table cannot be created, {@link ErrorCode#INTERNAL}
     *                            when the same table is opened twice
     */
    TableWriter open(String table, List<String> columns);

    /**
     * Publishes every opened table at once, after all of them are complete. Where the medium allows it, no table is
     * published unless all are.
     *
     * @throws ConnectorException {@link ErrorCode#IO} when publishing fails; the sink is then aborted
     */
    void commit();

    /** Discards every table written by this sink; previously published tables stay as they were. Never throws. */
    void abort();

    /** Aborts unless {@link #commit()} succeeded, then releases resources. Idempotent; never throws. */
    @Override
    default void close() {
        abort();
    }
}
