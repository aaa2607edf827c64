package io.oktaconnector.okta.internal.http;

import com.okta.sdk.resource.client.auth.ApiKeyAuth;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.okta.internal.auth.OAuthTokens;
import io.oktaconnector.okta.internal.auth.PrivateKeys;
import io.oktaconnector.okta.internal.transport.ClientSecurity;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.time.Clock;

/**
 * Builds the SDK {@link OktaApiClient} entirely in code, from an Apache HttpClient we configure ourselves. Nothing
 * ambient can change it: {@code DefaultClientBuilder} (which reads {@code okta.yaml}, {@code OKTA_*} environment
 * variables and {@code okta.*} system properties, and applies an ambient proxy) is never used, and the HttpClient does
 * not read JVM proxy properties ({@code useSystemProperties()} is not called).
 *
 * <p>Redirects are off (they would carry the token to any host), automatic retries are off (our {@link CallPolicy}
 * owns retries), cookies and auth caching are off, the pool is sized to {@code MaxConcurrency} (the SDK's default
 * allows 5 requests in flight), connect and read timeouts are separate, the cache is disabled, each response's status
 * and headers are captured for the calling thread, and connections never log headers or wire bytes.
 */
public final class OktaClientFactory {

    /** The User-Agent sent with every request. */
    public static final String USER_AGENT = "okta-connector/0.1 okta-sdk-java/24.0.0 java/"
            + System.getProperty("java.version");

    private OktaClientFactory() {
    }

    /**
     * The configured SDK client, the HttpClient under it (closed together) and, in OAuth mode, the token source.
     *
     * @param apiClient  the SDK client
     * @param httpClient the HttpClient
     * @param tokens     the OAuth token source, or {@code null} with an API token
     */
    public record Built(OktaApiClient apiClient, CloseableHttpClient httpClient, OAuthTokens tokens)
            implements AutoCloseable {
        @Override
        public void close() {
            httpClient.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
        }
    }

    /**
     * @param settings valid settings
     * @return the client, with the connection's proxy and trust store applied ({@link ClientSecurity})
     */
    public static Built create(OktaSettings settings) {
        int pool = settings.maxConcurrency();
        Timeout connect = Timeout.of(settings.connectTimeout());
        Timeout read = Timeout.of(settings.readTimeout());
        PoolingHttpClientConnectionManagerBuilder cmb = PoolingHttpClientConnectionManagerBuilder.create()
                .setConnectionFactory(QuietConnection.FACTORY)
                .setMaxConnPerRoute(pool)
                .setMaxConnTotal(pool)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setSocketTimeout(read)
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(read).setTcpNoDelay(true).build());
        HttpClientBuilder hb = HttpClients.custom()
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setRedirectsEnabled(false)
                        .setResponseTimeout(read)
                        // the pool holds MaxConcurrency connections and we never run more requests than that;
                        // a lease wait this long means something is stuck
                        .setConnectionRequestTimeout(Timeout.ofMinutes(5))
                        .build())
                .setUserAgent(USER_AGENT)
                .addResponseInterceptorLast(new ResponseCapture());
        // proxy, trust store, and no credential to another origin
        ClientSecurity.configure(settings, hb, cmb);
        PoolingHttpClientConnectionManager cm = cmb.build();
        CloseableHttpClient http = hb.setConnectionManager(cm).build();
        OktaApiClient api = new OktaApiClient(http, settings.maxResponseMegabytes());
        api.setBasePath(settings.server());
        api.setUserAgent(USER_AGENT);
        if (settings.apiKey().isPresent()) {
            ApiKeyAuth auth = (ApiKeyAuth) api.getAuthentication("apiToken");
            auth.setApiKey(settings.apiKey().get().reveal());
            auth.setApiKeyPrefix("SSWS");
            return new Built(api, http, null);
        }
        OAuthTokens tokens = new OAuthTokens(http, settings.server(), settings.clientId().orElseThrow(),
                privateKey(settings), settings.keyId().orElse(null),
                settings.scopes(), Clock.systemUTC());
        return new Built(api, http, tokens);
    }

    private static PrivateKey privateKey(OktaSettings settings) {
        String key = "Connections." + settings.connectionId() + "." + (settings.privateKey().isPresent()
                ? "PrivateKey" : "PrivateKeyPath");
        String pem;
        try {
            pem = settings.privateKey().isPresent() ? settings.privateKey().get().reveal()
                    : Files.readString(settings.privateKeyPath().orElseThrow());
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, key + ": the key file cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        String[] why = new String[1];
        return PrivateKeys.parse(pem, why).orElseThrow(() -> new ConnectorException(ErrorCode.INVALID_SETTINGS,
                key + ": " + why[0]));
    }
}
