package io.oktaconnector.okta;

import io.oktaconnector.api.ConnectionSettings;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ConnectorFactory;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.okta.internal.settings.SettingsReader;

import java.util.Objects;

/**
 * The {@link ConnectorFactory} of the Okta connector, registered with {@link java.util.ServiceLoader} under the name
 * {@value #NAME}: {@code Connectors.factory("Okta").create(settings)}. Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class OktaConnectorFactory implements ConnectorFactory {

    /** The name the factory is found by. */
    public static final String NAME = "Okta";

    /** For {@link java.util.ServiceLoader}; hosts find the factory through {@code Connectors.factory("Okta")}. */
    public OktaConnectorFactory() {
    }

    /** @return {@value #NAME} */
    @Override
    public String name() {
        return NAME;
    }

    /**
     * Creates a connector from the keys of a connection section of {@code appsettings.agent.json} ({@code Server},
     * {@code ApiKey} (best as a secret), {@code PageSize}, …; nested keys joined by dots, e.g. {@code Proxy.Host}),
     * read and checked exactly as {@link OktaSettings#load(java.nio.file.Path, String)} reads a file. Touches no
     * network.
     *
     * @param settings the connection's settings, never {@code null}
     * @return the connector, to be closed
     * @throws ConnectorException {@link ErrorCode#INVALID_SETTINGS} listing every missing or invalid key
     */
    @Override
    public OktaConnector create(ConnectionSettings settings) {
        return OktaConnector.create(settings(settings));
    }

    /**
     * Creates a connector from settings loaded from a file or built in code, as {@link OktaConnector#create}.
     *
     * @param settings the connection's settings, never {@code null}
     * @return the connector, to be closed
     * @throws ConnectorException {@link ErrorCode#INVALID_SETTINGS} when the settings have a problem (all listed)
     */
    public OktaConnector create(OktaSettings settings) {
        return OktaConnector.create(Objects.requireNonNull(settings, "settings == null"));
    }

    /**
     * Reads and checks a host's connection settings (see {@link #create(ConnectionSettings)}) without creating a
     * connector.
     *
     * @param settings the connection's settings, never {@code null}
     * @return the validated settings, never {@code null}
     * @throws ConnectorException {@link ErrorCode#INVALID_SETTINGS} listing every missing or invalid key
     */
    public OktaSettings settings(ConnectionSettings settings) {
        return SettingsReader.withSystemEnvironment().read(settings);
    }
}
