package io.oktaconnector.benchmarks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.oktaconnector.simulator.RateLimitBucket;

import java.util.EnumMap;
import java.util.Map;

/**
 * The simulator's counters over one run, by the simulator's bucket classification.
 *
 * @param requests          all requests received
 * @param tooMany           429 answers (rate limiter and concurrency limit)
 * @param concurrency429    429 answers caused by the org concurrency limit
 * @param peakConcurrency   most requests in flight at once
 * @param perBucket         requests per bucket (429s included)
 * @param perBucket429      rate-limiter 429s per bucket
 */
record SimCounters(long requests, long tooMany, long concurrency429, long peakConcurrency,
                   Map<RateLimitBucket, Long> perBucket, Map<RateLimitBucket, Long> perBucket429) {

    static SimCounters of(JsonNode n) {
        Map<RateLimitBucket, Long> per = new EnumMap<>(RateLimitBucket.class);
        Map<RateLimitBucket, Long> per429 = new EnumMap<>(RateLimitBucket.class);
        for (RateLimitBucket b : RateLimitBucket.values()) {
            per.put(b, n.get("perBucket").path(b.name()).asLong());
            per429.put(b, n.get("perBucket429").path(b.name()).asLong());
        }
        return new SimCounters(n.get("requests").asLong(), n.get("tooMany").asLong(),
                n.get("concurrencyRejections").asLong(), n.get("peakConcurrency").asLong(), per, per429);
    }

    /** These counters minus what another client (the noisy neighbour) sent and received. */
    SimCounters minus(Map<RateLimitBucket, Long> otherRequests, Map<RateLimitBucket, Long> other429) {
        Map<RateLimitBucket, Long> per = new EnumMap<>(perBucket);
        Map<RateLimitBucket, Long> per429 = new EnumMap<>(perBucket429);
        long r = requests;
        long t = tooMany;
        for (RateLimitBucket b : RateLimitBucket.values()) {
            long or = otherRequests.getOrDefault(b, 0L);
            long o4 = other429.getOrDefault(b, 0L);
            per.merge(b, -or, Long::sum);
            per429.merge(b, -o4, Long::sum);
            r -= or;
            t -= o4;
        }
        return new SimCounters(r, t, concurrency429, peakConcurrency, per, per429);
    }
}
