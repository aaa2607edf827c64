package io.oktaconnector.api;

import java.util.Objects;

/**
 * What an {@link Exporter} should export, and where to.
 *
 * @param sink     receives the tables; committed by the exporter on success, aborted on failure; never {@code null}
 * @param mapping  the columns of mapped tables; never {@code null} ({@link EntityMapping#DEFAULTS} for defaults)
 * @param listener progress, never {@code null} ({@link ProgressListener#NONE})
 * @since 0.1
 */
public record ExportRequest(TableSink sink, EntityMapping mapping, ProgressListener listener) {
    /**
     * Checks the components (see the type's description).
     *
     * @param sink     receives the tables; committed by the exporter on success, aborted on failure; never {@code
     *                 null}
     * @param mapping  the columns of mapped tables; never {@code null} ({@link EntityMapping#DEFAULTS} for defaults)
     * @param listener progress, never {@code null} ({@link ProgressListener#NONE})
     */
    public ExportRequest {
        Objects.requireNonNull(sink, "sink == null");
        Objects.requireNonNull(mapping, "mapping == null");
        Objects.requireNonNull(listener, "listener == null");
    }

    /**
     * @param sink the sink
     * @return a request with default columns and no listener
     */
    public static ExportRequest of(TableSink sink) {
        return new ExportRequest(sink, EntityMapping.DEFAULTS, ProgressListener.NONE);
    }
}
