package io.oktaconnector.okta;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Request counters of one {@link OktaConnector} since it was created.
 *
 * @param requests           HTTP requests sent, retries included
 * @param requestsPerBucket  requests per Okta rate-limit bucket ({@code USERS}, {@code GROUPS}, {@code GROUP_BY_ID},
 *                           {@code APPS}, {@code OTHER}); never {@code null}
 * @param retries            requests that repeated a failed one
 * @param rateLimitedAnswers 429 answers received
 * @since 0.1
 */
public record OktaStats(long requests, Map<String, Long> requestsPerBucket, long retries, long rateLimitedAnswers) {

    public OktaStats {
        requestsPerBucket = Collections.unmodifiableMap(new LinkedHashMap<>(
                Objects.requireNonNull(requestsPerBucket, "requestsPerBucket == null")));
    }
}
