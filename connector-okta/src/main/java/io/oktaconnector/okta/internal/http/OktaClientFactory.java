package io.oktaconnector.okta.internal.http;

import com.okta.sdk.resource.client.auth.ApiKeyAuth;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.okta.OktaSettings;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

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

    /** The configured SDK client and the HttpClient under it (closed together). */
    public record Built(OktaApiClient apiClient, CloseableHttpClient httpClient) implements AutoCloseable {
        @Override
        public void close() {
            httpClient.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
        }
    }

    /**
     * @param settings valid settings with an API key
     * @return the client
     */
    public static Built create(OktaSettings settings) {
        if (settings.apiKey().isEmpty()) {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, "Connections." + settings.connectionId()
                    + ": OAuth 2.0 (ClientId with PrivateKeyPath/PrivateKey) is not supported yet; use ApiKey");
        }
        int pool = settings.maxConcurrency();
        Timeout connect = Timeout.of(settings.connectTimeout());
        Timeout read = Timeout.of(settings.readTimeout());
        PoolingHttpClientConnectionManager cm = PoolingHttpClientConnectionManagerBuilder.create()
                .setConnectionFactory(QuietConnection.FACTORY)
                .setMaxConnPerRoute(pool)
                .setMaxConnTotal(pool)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setSocketTimeout(read)
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(read).setTcpNoDelay(true).build())
                .build();
        CloseableHttpClient http = HttpClients.custom()
                .setConnectionManager(cm)
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
                .addResponseInterceptorLast(new ResponseCapture())
                .build();
        OktaApiClient api = new OktaApiClient(http);
        api.setBasePath(settings.server());
        api.setUserAgent(USER_AGENT);
        ApiKeyAuth auth = (ApiKeyAuth) api.getAuthentication("apiToken");
        auth.setApiKey(settings.apiKey().get().reveal());
        auth.setApiKeyPrefix("SSWS");
        return new Built(api, http);
    }
}
