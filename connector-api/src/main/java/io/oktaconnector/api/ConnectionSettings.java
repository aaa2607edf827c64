package io.oktaconnector.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of one connection, as a host hands them to a {@link ConnectorFactory}: plain values and secrets by key.
 * Keys are the connector's own (for Okta the keys of a connection section of {@code appsettings.agent.json}, such as
 * {@code Server}, {@code PageSize}; nested keys joined by dots, such as {@code Proxy.Host}). The factory validates
 * them; this carrier only holds them.
 *
 * <p>Immutable and thread-safe. A key is either a plain value or a secret, never both.
 *
 * @param connectionId the connection identifier, e.g. {@code OktaExportFulfillment}; never {@code null}
 * @param values       plain values by key; never {@code null}, no {@code null} keys or values
 * @param secrets      credentials by key (API tokens, private keys, passwords); never {@code null}, no {@code null}
 *                     keys or values
 * @since 0.1
 */
public record ConnectionSettings(String connectionId, Map<String, String> values, Map<String, Secret> secrets) {
    /**
     * Checks and copies the components (see the type's description).
     *
     * @param connectionId the connection identifier, never {@code null}
     * @param values       plain values by key, never {@code null}
     * @param secrets      credentials by key, never {@code null}
     * @throws NullPointerException     if a component, key or value is {@code null}
     * @throws IllegalArgumentException if a key is both a value and a secret
     */
    public ConnectionSettings {
        Objects.requireNonNull(connectionId, "connectionId == null");
        values = Map.copyOf(Objects.requireNonNull(values, "values == null"));
        secrets = Map.copyOf(Objects.requireNonNull(secrets, "secrets == null"));
        for (String key : secrets.keySet()) {
            if (values.containsKey(key)) {
                throw new IllegalArgumentException("key " + key + " is given both as a value and as a secret");
            }
        }
    }

    /**
     * @param connectionId the connection identifier, never {@code null}
     * @param values       plain values by key, never {@code null}
     * @return settings with these values and no secrets
     */
    public static ConnectionSettings of(String connectionId, Map<String, String> values) {
        return new ConnectionSettings(connectionId, values, Map.of());
    }

    /**
     * @param key the key, exactly as given
     * @return the plain value, empty when absent; never {@code null}
     */
    public Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * @param key the key, exactly as given
     * @return the secret, empty when absent; never {@code null}
     */
    public Optional<Secret> secret(String key) {
        return Optional.ofNullable(secrets.get(key));
    }

    /** @return the connection id and the keys only: values may be sensitive, secrets always are */
    @Override
    public String toString() {
        return "ConnectionSettings[" + connectionId + ", values " + values.keySet() + ", secrets " + secrets.keySet() + "]";
    }
}
