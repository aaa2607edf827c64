package io.oktaconnector.okta.internal.oauth;

import com.okta.sdk.resource.client.Pair;
import com.okta.sdk.resource.client.auth.ApiKeyAuth;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Puts {@code Authorization: Bearer <token>} on each SDK call, taking the token from {@link OAuthTokenSource}. It
 * extends {@link ApiKeyAuth} only because {@code ApiClient.replaceAuthentication} accepts a replacement of the same
 * type: it replaces the SSWS authentication under the same name, so the request layer needs no change of auth names.
 *
 * <p>The token applied last on each thread is remembered so that, after a 401, {@link #renewAfterUnauthorized()}
 * replaces exactly the token that call used. Thread-safe.
 */
public final class OAuthBearerAuth extends ApiKeyAuth {
    private static final ThreadLocal<String> APPLIED = new ThreadLocal<>();

    private final OAuthTokenSource tokens;
    private final Supplier<Set<String>> scopes;

    /**
     * @param tokens the token source
     * @param scopes the scopes of the calls made now (e.g. export's or fulfill's)
     */
    public OAuthBearerAuth(OAuthTokenSource tokens, Supplier<Set<String>> scopes) {
        super("header", "Authorization");
        this.tokens = Objects.requireNonNull(tokens, "tokens == null");
        this.scopes = Objects.requireNonNull(scopes, "scopes == null");
    }

    @Override
    public void applyToParams(List<Pair> queryParams, Map<String, String> headerParams,
                              Map<String, String> cookieParams) {
        String token = tokens.token(scopes.get());
        APPLIED.set(token);
        headerParams.put("Authorization", "Bearer " + token);
    }

    /**
     * Called on the thread whose call Okta answered 401.
     *
     * @return whether a new token is available, so that repeating the call once is worth it
     */
    public boolean renewAfterUnauthorized() {
        String used = APPLIED.get();
        return used != null && tokens.renew(scopes.get(), used);
    }

    /** Never shows the token. */
    @Override
    public String getApiKey() {
        return null;
    }

    @Override
    public String toString() {
        return "OAuthBearerAuth[hidden]";
    }
}
