package io.oktaconnector.okta;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Request counters of one {@link OktaConnector} since it was created.
 *
 * @param requests                   HTTP requests sent, retries included
 * @param requestsPerBucket          requests per Okta rate-limit bucket ({@code USERS}, {@code GROUPS},
 *                                   {@code GROUP_BY_ID}, {@code APPS}, {@code OTHER}, {@code USER_GET_BY_ID},
 *                                   {@code USER_WRITE_BY_ID}, {@code APP_BY_ID}, {@code LOGS}); never {@code null}
 * @param retries                    requests that repeated a failed one
 * @param rateLimitedAnswers         429 answers received, whatever their cause
 * @param concurrencyLimitedAnswers  of those, the 429s of Okta's org-wide concurrency limit
 * @param waits                      times a request waited before it was sent: pacing to stay within our share of a
 *                                   bucket, a 429's reset, a backoff after a failure
 * @param waitMillis                 the total time of those waits, summed over threads, in milliseconds
 * @since 0.1
 */
public record OktaStats(long requests, Map<String, Long> requestsPerBucket, long retries, long rateLimitedAnswers,
                        long concurrencyLimitedAnswers, long waits, long waitMillis) {

    /**
     * Checks the components (see the type's description).
     *
     * @param requests                  HTTP requests sent, retries included
     * @param requestsPerBucket         requests per Okta rate-limit bucket ({@code USERS}, {@code GROUPS}, {@code
     *                                  GROUP_BY_ID}, {@code APPS}, {@code OTHER}, {@code USER_GET_BY_ID}, {@code
     *                                  USER_WRITE_BY_ID}, {@code APP_BY_ID}, {@code LOGS}); never {@code null}
     * @param retries                   requests that repeated a failed one
     * @param rateLimitedAnswers        429 answers received, whatever their cause
     * @param concurrencyLimitedAnswers of those, the 429s of Okta's org-wide concurrency limit
     * @param waits                     times a request waited before it was sent: pacing to stay within our share of a
     *                                  bucket, a 429's reset, a backoff after a failure
     * @param waitMillis                the total time of those waits, summed over threads, in milliseconds
     */
    public OktaStats {
        requestsPerBucket = Collections.unmodifiableMap(new LinkedHashMap<>(
                Objects.requireNonNull(requestsPerBucket, "requestsPerBucket == null")));
    }

    /**
     * The counters without the governor's (as in 0.1's first form): no concurrency 429s, no waits.
     *
     * @param requests           HTTP requests sent, retries included
     * @param requestsPerBucket  requests per bucket
     * @param retries            requests that repeated a failed one
     * @param rateLimitedAnswers 429 answers received
     */
    public OktaStats(long requests, Map<String, Long> requestsPerBucket, long retries, long rateLimitedAnswers) {
        this(requests, requestsPerBucket, retries, rateLimitedAnswers, 0, 0, 0);
    }
}
