package io.oktaconnector.okta.internal.transport;

import javax.net.ssl.X509TrustManager;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Trusts a server chain that any of its trust managers trusts: the configured store, then the JDK's defaults. */
final class CompositeTrustManager implements X509TrustManager {
    private final List<X509TrustManager> managers;

    CompositeTrustManager(List<X509TrustManager> managers) {
        this.managers = List.copyOf(managers);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        CertificateException first = null;
        for (X509TrustManager m : managers) {
            try {
                m.checkServerTrusted(chain, authType);
                return;
            } catch (CertificateException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw first == null ? new CertificateException("no trust manager") : first;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the connector never acts as a TLS server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        List<X509Certificate> all = new ArrayList<>();
        for (X509TrustManager m : managers) {
            all.addAll(List.of(m.getAcceptedIssuers()));
        }
        return all.toArray(new X509Certificate[0]);
    }
}
