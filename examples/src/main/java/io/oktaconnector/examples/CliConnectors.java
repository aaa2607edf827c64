package io.oktaconnector.examples;

import io.oktaconnector.api.Connectors;
import io.oktaconnector.okta.OktaConnector;
import io.oktaconnector.okta.OktaConnectorFactory;
import io.oktaconnector.okta.OktaSettings;

/**
 * Where the CLI obtains its connector: by name through the SPI ({@link Connectors}, {@link java.util.ServiceLoader}),
 * as a host would. The Okta factory's own type is kept because the CLI also uses what Okta offers beyond the SPI (the
 * orders folder protocol, the mapping check, request counters) and settings loaded from a file.
 */
final class CliConnectors {

    private CliConnectors() {
    }

    /**
     * @param settings the connection's settings, validated
     * @return the connector, to be closed
     */
    static OktaConnector create(OktaSettings settings) {
        return Connectors.factory(OktaConnectorFactory.NAME, OktaConnectorFactory.class).create(settings);
    }
}
