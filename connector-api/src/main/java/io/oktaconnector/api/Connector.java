package io.oktaconnector.api;

import java.util.List;

/**
 * A configured connection to one target system. Capabilities are separate interfaces ({@link Exporter},
 * {@link Fulfiller}) that a connector implements as it supports them.
 *
 * <p>Created by the implementation's factory from validated settings; used by the host from any thread; closed by the
 * host when done.
 *
 * @since 0.1
 */
public interface Connector extends AutoCloseable {

    /** @return the connection identifier, e.g. {@code OktaExportFulfillment}; never {@code null} */
    String id();

    /**
     * Offline validation: checks settings and mapping without touching the network.
     *
     * @return every problem found at once (empty when valid), never {@code null}
     */
    List<Problem> validate();

    /**
     * Online check: reaches the target and proves that the credentials work and carry the permissions this connector
     * needs.
     *
     * @throws ConnectorException {@link ErrorCode#AUTHENTICATION}, {@link ErrorCode#PERMISSION_DENIED},
     *                            {@link ErrorCode#UNAVAILABLE}, … naming what failed
     */
    void check();

    /** Releases connections and threads. Idempotent; never throws. */
    @Override
    default void close() {
    }
}
