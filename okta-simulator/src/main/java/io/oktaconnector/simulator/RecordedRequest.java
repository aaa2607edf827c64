package io.oktaconnector.simulator;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One request as the simulator saw it, and what it answered.
 *
 * @param sequence  1-based arrival order
 * @param at        arrival time on the simulator's clock
 * @param method    HTTP method
 * @param path      path as sent (percent-encoding kept), without the query
 * @param query     raw query string without '?', or "" when there was none
 * @param headers   request headers, names case-insensitive; the Authorization value is redacted to
 *                  its scheme plus {@code [hidden]}
 * @param body      request body as UTF-8 text ("" when none); on the token endpoint the
 *                  {@code client_assertion} value is redacted to {@code [hidden]}
 * @param status    the status answered; 0 when the connection was reset without a response
 * @param bucket    the rate-limit bucket the request counted against
 * @param authorized whether the request carried valid credentials: the SSWS token or a live access
 *                  token (with a valid DPoP proof where one is needed) on the API; a client assertion
 *                  that authenticated its client on the token endpoint
 * @param requestId the X-Okta-Request-Id answered
 * @param faults    names of the faults applied, empty for a normal exchange
 * @param clientId  the OAuth client the request authenticated as (by access token, or by assertion on the
 *                  token endpoint); "" for the SSWS token or when no client authenticated
 */
public record RecordedRequest(long sequence, Instant at, String method, String path, String query,
                              Map<String, List<String>> headers, String body, int status, RateLimitBucket bucket,
                              boolean authorized, String requestId, List<String> faults, String clientId) {
    /**
     * Checks the components (see the type's description).
     *
     * @param sequence   1-based arrival order
     * @param at         arrival time on the simulator's clock
     * @param method     HTTP method
     * @param path       path as sent (percent-encoding kept), without the query
     * @param query      raw query string without '?', or "" when there was none
     * @param headers    request headers, names case-insensitive; the Authorization value is redacted to its scheme
     *                   plus {@code [hidden]}
     * @param body       request body as UTF-8 text ("" when none); on the token endpoint the {@code client_assertion}
     *                   value is redacted to {@code [hidden]}
     * @param status     the status answered; 0 when the connection was reset without a response
     * @param bucket     the rate-limit bucket the request counted against
     * @param authorized whether the request carried valid credentials: the SSWS token or a live access token (with a
     *                   valid DPoP proof where one is needed) on the API; a client assertion that authenticated its
     *                   client on the token endpoint
     * @param requestId  the X-Okta-Request-Id answered
     * @param faults     names of the faults applied, empty for a normal exchange
     * @param clientId   the OAuth client the request authenticated as (by access token, or by assertion on the token
     *                   endpoint); "" for the SSWS token or when no client authenticated
     */
    public RecordedRequest {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(requestId, "requestId");
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> h.merge(k, List.copyOf(v), (a, b) -> {
            List<String> all = new java.util.ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        }));
        headers = Collections.unmodifiableMap(h);
        faults = List.copyOf(faults);
        Objects.requireNonNull(clientId, "clientId");
    }

    /**
     * The record as it was before OAuth: no client id.
     *
     * @param sequence   1-based arrival order
     * @param at         arrival time on the simulator's clock
     * @param method     HTTP method
     * @param path       path as sent, without the query
     * @param query      raw query string without '?', or ""
     * @param headers    request headers (Authorization redacted)
     * @param body       request body as UTF-8 text
     * @param status     the status answered; 0 for a reset
     * @param bucket     the rate-limit bucket the request counted against
     * @param authorized whether the request carried valid credentials
     * @param requestId  the X-Okta-Request-Id answered
     * @param faults     names of the faults applied
     */
    public RecordedRequest(long sequence, Instant at, String method, String path, String query,
                           Map<String, List<String>> headers, String body, int status, RateLimitBucket bucket,
                           boolean authorized, String requestId, List<String> faults) {
        this(sequence, at, method, path, query, headers, body, status, bucket, authorized, requestId, faults, "");
    }

    /**
     * The first value of a request header (any letter case), or null.
     *
     * @param name the header name, any letter case
     * @return its first value, or null
     */
    public String header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** {@return path plus "?query" when there is one} */
    public String target() {
        return query.isEmpty() ? path : path + "?" + query;
    }
}
