package io.oktaconnector.okta.internal.oauth;

import io.oktaconnector.okta.internal.transport.OriginGuard;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;

import io.oktaconnector.okta.internal.transport.OriginGuard;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The outermost step of the connector's HttpClient in OAuth mode:
 * <ul>
 *   <li>puts {@code Authorization: Bearer <token>} on every request to the configured org's origin, and on no other
 *       (a request to another origin goes out without any credential: the token cannot leak through a bad link);</li>
 *   <li>chooses the scopes: those set by the request layer ({@link CallScopes}), else the configured {@code Scopes},
 *       else read scopes for GET/HEAD and manage scopes for writes;</li>
 *   <li>after a 401, renews the token once ({@link OAuthTokenSource#renew}, single-flight) and repeats the request
 *       with the new token; a second 401 is returned as it is;</li>
 *   <li>leaves the token request itself alone (it authenticates with its signed assertion).</li>
 * </ul>
 * Thread-safe.
 */
public final class OAuthInterceptor implements ExecChainHandler {
    /** The name of this step in the exec chain. */
    public static final String NAME = "okta-connector-oauth";

    private final OAuthTokenSource tokens;
    private final OriginGuard org;
    private final Set<String> configured;

    /**
     * @param tokens     the token source
     * @param server     the org URL: only requests to its origin get a token
     * @param configured the connection's {@code Scopes}, empty for the per-operation defaults
     */
    public OAuthInterceptor(OAuthTokenSource tokens, String server, List<String> configured) {
        this.tokens = Objects.requireNonNull(tokens, "tokens == null");
        this.org = new OriginGuard(server);
        this.configured = configured.isEmpty() ? null : Set.copyOf(configured);
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        if (scope.clientContext.getAttribute(OAuthTokenSource.TOKEN_REQUEST) != null) {
            return chain.proceed(request, scope);
        }
        request.removeHeaders(HttpHeaders.AUTHORIZATION);
        if (!org.sameOrigin(scope.route.getTargetHost())) {
            return chain.proceed(request, scope);
        }
        Set<String> scopes = scopesFor(request.getMethod());
        String token = tokens.token(scopes);
        request.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        ClassicHttpResponse response = chain.proceed(request, scope);
        HttpEntity body = request.getEntity();
        if (response.getCode() != 401 || (body != null && !body.isRepeatable())) {
            return response;
        }
        // Buffer the 401 first: that releases its connection, which the token request may need (a pool of one).
        HttpEntity refusal = response.getEntity();
        if (refusal != null) {
            String type = refusal.getContentType();
            response.setEntity(new ByteArrayEntity(EntityUtils.toByteArray(refusal),
                    type == null ? null : ContentType.parse(type)));
        }
        if (!tokens.renew(scopes, token)) {
            return response;
        }
        response.close();
        // a fresh copy of the caller's request: the first attempt's was extended by the protocol step (Content-Length)
        ClassicHttpRequest again = ClassicRequestBuilder.copy(scope.originalRequest).build();
        again.removeHeaders(HttpHeaders.AUTHORIZATION);
        again.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.token(scopes));
        return chain.proceed(again, scope);
    }

    private Set<String> scopesFor(String method) {
        Set<String> set = CallScopes.current();
        if (set != null) {
            return set;
        }
        if (configured != null) {
            return configured;
        }
        return method.equalsIgnoreCase("GET") || method.equalsIgnoreCase("HEAD")
                ? OAuthScopes.EXPORT : OAuthScopes.FULFILL;
    }
}
