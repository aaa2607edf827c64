package io.oktaconnector.okta.internal.http;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Request counters: attempts per bucket, retries, 429 answers. Thread-safe. */
public final class RequestStats {

    private final Map<Bucket, LongAdder> perBucket = new EnumMap<>(Bucket.class);
    private final LongAdder retries = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();

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
}
