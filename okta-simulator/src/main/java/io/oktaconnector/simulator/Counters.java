package io.oktaconnector.simulator;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** Counters for assertions and benchmark reports. Thread-safe; values are read live. */
public final class Counters {
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong tooMany = new AtomicLong();
    private final AtomicLong concurrencyRejections = new AtomicLong();
    private final AtomicLong faults = new AtomicLong();
    private final AtomicLong tokensIssued = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong handlingNanos = new AtomicLong();
    private final AtomicLongArray perBucket = new AtomicLongArray(RateLimitBucket.values().length);
    private final AtomicLongArray perBucket429 = new AtomicLongArray(RateLimitBucket.values().length);

    Counters() {
    }

    /** {@return requests received (each counted once, whatever the answer)} */
    public long requests() {
        return requests.get();
    }

    /** {@return 429 answers sent, by the rate limiter, the concurrency limit or a fault rule} */
    public long tooManyRequests() {
        return tooMany.get();
    }

    /** {@return 429 answers caused by the concurrency limit} */
    public long concurrencyRejections() {
        return concurrencyRejections.get();
    }

    /** {@return requests a fault rule was applied to} */
    public long faultsInjected() {
        return faults.get();
    }

    /**
     * Access tokens the token endpoint issued ({@code /oauth2/v1/token} requests of any outcome are
     * counted under {@link RateLimitBucket#ORG_AUTHORIZATION_SERVER}).
     *
     * @return the number of access tokens issued
     */
    public long accessTokensIssued() {
        return tokensIssued.get();
    }

    /** {@return requests being handled right now} */
    public long inFlight() {
        return inFlight.get();
    }

    /** {@return the most requests ever handled at the same time} */
    public long peakConcurrency() {
        return peak.get();
    }

    /** {@return total server-side handling time in nanoseconds (excluding configured latency and delays)} */
    public long handlingNanos() {
        return handlingNanos.get();
    }

    /** {@return requests per rate-limit bucket} */
    public Map<RateLimitBucket, Long> perBucket() {
        Map<RateLimitBucket, Long> m = new EnumMap<>(RateLimitBucket.class);
        for (RateLimitBucket b : RateLimitBucket.values()) {
            m.put(b, perBucket.get(b.ordinal()));
        }
        return m;
    }

    /**
     * Requests counted against one bucket.
     *
     * @param bucket the bucket
     * @return the requests counted against it
     */
    public long requests(RateLimitBucket bucket) {
        return perBucket.get(bucket.ordinal());
    }

    /**
     * 429s answered by the rate limiter for one bucket.
     *
     * @param bucket the bucket
     * @return the 429s the rate limiter answered for it
     */
    public long tooManyRequests(RateLimitBucket bucket) {
        return perBucket429.get(bucket.ordinal());
    }

    /** Sets every counter to zero (in-flight excepted). */
    public void reset() {
        requests.set(0);
        tooMany.set(0);
        concurrencyRejections.set(0);
        faults.set(0);
        tokensIssued.set(0);
        peak.set(inFlight.get());
        handlingNanos.set(0);
        for (int i = 0; i < perBucket.length(); i++) {
            perBucket.set(i, 0);
            perBucket429.set(i, 0);
        }
    }

    // ---- called by the simulator (package-private through Sink)

    /** The mutating side, handed to the server only. */
    final class Sink implements io.oktaconnector.simulator.internal.CounterSink {
        @Override
        public long enter(RateLimitBucket bucket) {
            requests.incrementAndGet();
            perBucket.incrementAndGet(bucket.ordinal());
            long now = inFlight.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            return now;
        }

        @Override
        public void exit(long nanos) {
            inFlight.decrementAndGet();
            handlingNanos.addAndGet(nanos);
        }

        @Override
        public void tooMany(RateLimitBucket bucket, boolean concurrency, boolean limiter) {
            tooMany.incrementAndGet();
            if (concurrency) {
                concurrencyRejections.incrementAndGet();
            }
            if (limiter) {
                perBucket429.incrementAndGet(bucket.ordinal());
            }
        }

        @Override
        public void fault() {
            faults.incrementAndGet();
        }

        @Override
        public void tokenIssued() {
            tokensIssued.incrementAndGet();
        }
    }
}
