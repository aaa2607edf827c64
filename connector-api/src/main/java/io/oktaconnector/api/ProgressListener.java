package io.oktaconnector.api;

/**
 * Receives progress from a running export or fulfill, for a host's UI or logs. Every method has a no-op default,
 * so a listener implements only what it needs.
 *
 * <p>Called from the connector's worker threads, possibly concurrently: implementations must be thread-safe and
 * quick, and must not throw (an exception is ignored).
 *
 * @since 0.1
 */
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() { };

    /**
     * Rows were written to a table.
     *
     * @param table     the table name
     * @param totalRows the rows written to that table so far
     */
    default void rowsWritten(String table, long totalRows) {
    }

    /**
     * A fulfill run knows how many orders it has.
     *
     * @param count the number of orders
     */
    default void ordersCounted(int count) {
    }

    /**
     * One order ended with its result.
     *
     * @param result    the result, never {@code null}
     * @param completed how many orders of the run have ended, this one included
     */
    default void orderCompleted(FulfillResult result, int completed) {
    }
}
