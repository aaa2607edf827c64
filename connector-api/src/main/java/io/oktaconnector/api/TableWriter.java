package io.oktaconnector.api;

import java.util.List;

/**
 * Receives the rows of one table as they stream. Obtained from {@link TableSink#open}; called by one thread at a
 * time; memory use must not grow with the number of rows.
 *
 * @since 0.1
 */
public interface TableWriter {

    /**
     * Appends one row.
     *
     * @param values one value per column, in column order, never {@code null}; a {@code null} element or the empty
     *               string means an empty field
     * @throws ConnectorException {@link ErrorCode#IO} on a write failure, {@link ErrorCode#INTERNAL} when the row has
     *                            the wrong number of values
     */
    void write(List<String> values);

    /** @return the number of rows written so far (the header not counted) */
    long rows();
}
