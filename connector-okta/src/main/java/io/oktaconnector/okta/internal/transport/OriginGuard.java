package io.oktaconnector.okta.internal.transport;

import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

/**
 * Removes the {@code Authorization} header (the SSWS token the SDK adds to every call) from any request whose target
 * is not the configured org's origin. The request layer already refuses foreign links; this makes the rule hold for
 * every code path that shares the client. Thread-safe.
 */
public final class OriginGuard implements ExecChainHandler {
    /** The name of this step in the exec chain. */
    public static final String NAME = "okta-connector-origin-guard";

    private final String scheme;
    private final String host;
    private final int port;

    /** @param server the org URL */
    public OriginGuard(String server) {
        URI uri = URI.create(server);
        scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        host = uri.getHost().toLowerCase(Locale.ROOT);
        port = port(scheme, uri.getPort());
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        if (!sameOrigin(scope.route.getTargetHost())) {
            request.removeHeaders(HttpHeaders.AUTHORIZATION);
        }
        return chain.proceed(request, scope);
    }

    /** @return whether {@code target} is the org's origin (scheme, host, port) */
    public boolean sameOrigin(HttpHost target) {
        if (target == null || target.getSchemeName() == null) {
            return false;
        }
        String s = target.getSchemeName().toLowerCase(Locale.ROOT);
        return s.equals(scheme) && target.getHostName().toLowerCase(Locale.ROOT).equals(host)
                && port(s, target.getPort()) == port;
    }

    private static int port(String scheme, int port) {
        return port >= 0 ? port : scheme.equals("http") ? 80 : 443;
    }
}
