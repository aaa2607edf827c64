package io.oktaconnector.okta;

import io.oktaconnector.api.Secret;

import java.util.Objects;

/**
 * An HTTP proxy every request to Okta (the OAuth token request included) goes through: the connection's
 * {@code Proxy} object, {@code { "Host": "proxy.corp", "Port": 3128, "Username": "svc", "Password": "${env:PROXY_PW}" }}.
 * HTTPS requests are tunnelled with {@code CONNECT}; the proxy sees the Okta host name, not the traffic. Credentials,
 * when given, answer the proxy's Basic challenge and are sent to the proxy only. The JVM's proxy system properties
 * and environment variables are never used. {@code toString()} hides the password.
 *
 * @param host     the proxy host name or address, never {@code null}
 * @param port     the proxy port, 1..65535
 * @param username the proxy user, or {@code null} for none
 * @param password the proxy password, or {@code null}; only with a user name
 * @since 0.1
 */
public record ProxySettings(String host, int port, String username, Secret password) {
    /**
     * Checks the components (see the type's description).
     *
     * @param host     the proxy host name or address, never {@code null}
     * @param port     the proxy port, 1..65535
     * @param username the proxy user, or {@code null} for none
     * @param password the proxy password, or {@code null}; only with a user name
     */
    public ProxySettings {
        Objects.requireNonNull(host, "host == null");
    }
}
