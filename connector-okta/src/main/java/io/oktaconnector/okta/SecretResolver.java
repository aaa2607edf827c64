package io.oktaconnector.okta;

import io.oktaconnector.api.Secret;

import java.util.Optional;

/**
 * Resolves the settings values written as {@code ${<scheme>:<name>}} for one scheme: the plug-in point for vaults
 * (a key vault, a secrets manager, a host's own credential store).
 *
 * <p>The connector resolves {@code ${env:NAME}} and {@code ${file:PATH}} itself; every other scheme goes to the
 * resolver whose {@link #scheme()} it names. Resolvers are found with {@link java.util.ServiceLoader}: list the
 * implementation class in {@code META-INF/services/io.oktaconnector.okta.SecretResolver} of a jar on the class path.
 * Two resolvers claiming the same scheme, or a resolver claiming {@code env} or {@code file}, are a settings error.
 *
 * <p>Naming convention for vaults whose secret names allow neither {@code .} nor {@code :} (e.g. Azure Key Vault):
 * the settings key path with {@code --} as separator, as built by {@link #conventionalName(String, String)}.
 * <pre>{@code
 * "Connections": { "OktaExportFulfillment": {
 *     "Server": "https://acme.okta.com",
 *     "ApiKey": "${vault:Connections--OktaExportFulfillment--ApiKey}" } }
 * }</pre>
 * hands {@code Connections--OktaExportFulfillment--ApiKey} to the resolver whose scheme is {@code vault}.
 *
 * <p>Threads: the connector calls a resolver only while it loads settings, from the loading thread; implementations
 * must nevertheless be safe to call from several threads, as hosts may load several connections at once.
 *
 * @since 0.1
 */
public interface SecretResolver {

    /**
     * @return the scheme this resolver answers, e.g. {@code vault}: a letter followed by letters, digits, {@code +},
     *         {@code -} or {@code .}; compared case-insensitively; never {@code env} or {@code file}
     */
    String scheme();

    /**
     * Looks one secret up.
     *
     * @param name the text between the scheme's colon and the closing brace, never {@code null}, never blank
     * @return the secret, or empty when the store holds no entry of that name (the connector then reports the
     *         settings key as unresolvable)
     * @throws io.oktaconnector.api.ConnectorException when the store cannot be reached or refuses access (use
     *         {@code UNAVAILABLE} or {@code AUTHENTICATION}); the message must not contain the secret
     */
    Optional<Secret> resolve(String name);

    /**
     * The conventional vault name of a connection's settings key: {@code Connections--<id>--<key>}, nested keys
     * joined with {@code --} as well ({@code Proxy.Password} gives {@code Connections--<id>--Proxy--Password}).
     *
     * @param connectionId the connection identifier, e.g. {@code OktaExportFulfillment}
     * @param key          the key inside the connection, e.g. {@code ApiKey} or {@code Proxy.Password}
     * @return the name, e.g. {@code Connections--OktaExportFulfillment--ApiKey}
     */
    static String conventionalName(String connectionId, String key) {
        return "Connections--" + connectionId + "--" + key.replace(".", "--");
    }
}
