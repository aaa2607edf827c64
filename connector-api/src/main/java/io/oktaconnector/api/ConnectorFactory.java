package io.oktaconnector.api;

/**
 * Creates the {@link Connector}s of one kind of target system. Implementations register themselves with
 * {@link java.util.ServiceLoader} (a {@code META-INF/services/io.oktaconnector.api.ConnectorFactory} file naming the
 * class, which needs a public no-argument constructor); hosts find them by {@link #name()} through
 * {@link Connectors#factory(String)}.
 *
 * <p>Implementations are stateless and thread-safe.
 *
 * @since 0.1
 */
public interface ConnectorFactory {

    /** @return the connector's name, e.g. {@code Okta}; never {@code null}, unique among the registered factories */
    String name();

    /**
     * Creates a connector for one connection. Touches no network ({@link Connector#check()} does).
     *
     * @param settings the connection's settings, never {@code null}
     * @return the connector, to be closed by the caller; never {@code null}
     * @throws ConnectorException {@link ErrorCode#INVALID_SETTINGS} naming every missing or invalid key
     */
    Connector create(ConnectionSettings settings);
}
