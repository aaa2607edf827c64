package io.oktaconnector.okta.internal.http;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The status and headers of one HTTP response. Header names ignore case (Okta and proxies send either case).
 *
 * @param status  the HTTP status
 * @param headers every header value by name, in arrival order; the map ignores the case of names
 */
public record ResponseInfo(int status, Map<String, List<String>> headers) {

    public ResponseInfo {
        Objects.requireNonNull(headers, "headers == null");
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> copy.computeIfAbsent(k, x -> new java.util.ArrayList<>()).addAll(v));
        copy.replaceAll((k, v) -> List.copyOf(v));
        headers = Collections.unmodifiableMap(copy);
    }

    /**
     * @param name a header name, any case
     * @return the first value, or {@code null}
     */
    public String first(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /**
     * @param name a header name, any case
     * @return every value of that header, in arrival order; empty when absent
     */
    public List<String> all(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /** Headers and status only: never holds a request header, so it is safe to log the request id from it. */
    @Override
    public String toString() {
        return "ResponseInfo[status=" + status + ", requestId=" + first("X-Okta-Request-Id") + "]";
    }
}
