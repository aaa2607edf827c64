package io.oktaconnector.okta.internal.oauth;

import java.util.Set;

/**
 * The OAuth scopes the current thread's calls need, set by the request layer around each SDK call so that export
 * asks for read scopes and fulfill for manage scopes through one HttpClient. Classic httpclient5 runs the whole
 * exchange on the calling thread, so a thread-local reaches the {@link OAuthInterceptor}.
 */
public final class CallScopes {
    private static final ThreadLocal<Set<String>> CURRENT = new ThreadLocal<>();

    private CallScopes() {
    }

    /**
     * @param scopes the scopes of the calls that follow on this thread, or {@code null} for the interceptor's defaults
     * @return the previous value, for {@link #restore}
     */
    public static Set<String> set(Set<String> scopes) {
        Set<String> previous = CURRENT.get();
        if (scopes == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(scopes);
        }
        return previous;
    }

    /** @param previous what {@link #set} returned */
    public static void restore(Set<String> previous) {
        set(previous);
    }

    /** @return the scopes set for the current thread, or {@code null} */
    static Set<String> current() {
        return CURRENT.get();
    }
}
