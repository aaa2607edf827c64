package io.oktaconnector.okta.internal.http;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Request counters: attempts per bucket, retries, 429 answers, the governor's waits. Thread-safe. */
public final class RequestStats {

    private final Map<Bucket, LongAdder> perBucket = new EnumMap<>(Bucket.class);
    private final LongAdder retries = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder concurrencyLimited = new LongAdder();
    private final LongAdder waits = new LongAdder();
    private final LongAdder waitNanos = new LongAdder();

    public RequestStats() {
        for (Bucket b : Bucket.values()) {
            perBucket.put(b, new LongAdder());
        }
    }

    void attempt(Bucket bucket) {
        perBucket.get(bucket).increment();
    }

    void retry() {
        retries.increment();
    }

    void rateLimited() {
        rateLimited.increment();
    }

    void concurrencyLimited() {
        concurrencyLimited.increment();
    }

    void waited(long nanos) {
        waits.increment();
        waitNanos.add(Math.max(0, nanos));
    }

    /** @return every HTTP request sent, retries included */
    public long requests() {
        return perBucket.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** @return requests per bucket (every bucket present) */
    public Map<Bucket, Long> perBucket() {
        Map<Bucket, Long> m = new EnumMap<>(Bucket.class);
        perBucket.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** @return attempts that repeated an earlier failed attempt */
    public long retries() {
        return retries.sum();
    }

    /** @return 429 answers received */
    public long rateLimitedAnswers() {
        return rateLimited.sum();
    }

    /** @return 429 answers that were Okta's org-wide concurrency limit (limit and remaining 0), among all 429s */
    public long concurrencyLimitedAnswers() {
        return concurrencyLimited.sum();
    }

    /** @return times a call waited before an attempt (pacing, a 429's reset, a backoff) */
    public long waits() {
        return waits.sum();
    }

    /** @return the total time calls waited, in nanoseconds (summed over threads) */
    public long waitNanos() {
        return waitNanos.sum();
    }
}
