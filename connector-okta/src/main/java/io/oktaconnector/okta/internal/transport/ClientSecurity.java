package io.oktaconnector.okta.internal.transport;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.okta.ProxySettings;
import io.oktaconnector.okta.TrustStoreSettings;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.SSLConnectionSocketFactoryBuilder;
import org.apache.hc.core5.http.HttpHost;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Applies a connection's transport guards to the HttpClient being built: the {@code Proxy}, the {@code TrustStore},
 * and the {@link OriginGuard} that keeps the {@code Authorization} header to the org's origin. The trust store is read
 * here, so an unusable file fails at creation with INVALID_SETTINGS, before any request.
 */
public final class ClientSecurity {

    private ClientSecurity() {
    }

    /**
     * @param settings valid settings
     * @param http     the client builder, before {@code build()}
     * @param pool     the connection manager builder, before {@code build()}
     * @throws ConnectorException INVALID_SETTINGS naming the key when the trust store is unusable
     */
    public static void configure(OktaSettings settings, HttpClientBuilder http,
                                 PoolingHttpClientConnectionManagerBuilder pool) {
        String prefix = "Connections." + settings.connectionId() + ".";
        settings.proxy().ifPresent(p -> proxy(p, http));
        settings.trustStore().ifPresent(t -> pool.setSSLSocketFactory(SSLConnectionSocketFactoryBuilder.create()
                .setSslContext(sslContext(t, prefix + "TrustStore")).build()));
        http.addExecInterceptorFirst(OriginGuard.NAME, new OriginGuard(settings.server()));
    }

    private static void proxy(ProxySettings p, HttpClientBuilder http) {
        HttpHost proxy = new HttpHost("http", p.host().strip(), p.port());
        http.setProxy(proxy);
        if (p.username() != null && !p.username().isBlank()) {
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            char[] password = p.password() == null ? new char[0] : p.password().reveal().toCharArray();
            // scoped to the proxy: the target never receives these credentials
            credentials.setCredentials(new AuthScope(proxy), new UsernamePasswordCredentials(p.username().strip(), password));
            http.setDefaultCredentialsProvider(credentials);
        }
    }

    /** The configured store's CAs in addition to the JDK's default ones. */
    static SSLContext sslContext(TrustStoreSettings t, String key) {
        KeyStore store;
        char[] password = t.password() == null ? null : t.password().reveal().toCharArray();
        try (InputStream in = Files.newInputStream(t.file())) {
            store = KeyStore.getInstance(t.type());
            store.load(in, password);
        } catch (NoSuchFileException e) {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, key + ".File: " + t.file() + " does not exist");
        } catch (IOException | GeneralSecurityException e) {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, key + ": " + t.file() + " cannot be read as a "
                    + t.type() + " trust store with this password (" + e.getClass().getSimpleName() + ")", e);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
        try {
            if (!hasCertificate(store)) {
                throw new ConnectorException(ErrorCode.INVALID_SETTINGS, key + ".File: " + t.file()
                        + " holds no certificate");
            }
            List<X509TrustManager> managers = new ArrayList<>();
            managers.add(x509(store));
            managers.add(x509(null)); // the JDK's default CAs
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new CompositeTrustManager(managers)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, key + ": cannot set up TLS with " + t.file()
                    + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static boolean hasCertificate(KeyStore store) throws GeneralSecurityException {
        for (String alias : java.util.Collections.list(store.aliases())) {
            if (store.getCertificate(alias) != null) {
                return true;
            }
        }
        return false;
    }

    private static X509TrustManager x509(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(store);
        for (TrustManager m : f.getTrustManagers()) {
            if (m instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X509TrustManager");
    }
}
