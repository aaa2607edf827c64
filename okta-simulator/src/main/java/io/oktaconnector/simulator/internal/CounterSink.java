package io.oktaconnector.simulator.internal;

import io.oktaconnector.simulator.RateLimitBucket;

/** Where the server reports what it counts (implemented by the public Counters). */
public interface CounterSink {
    /** A request entered handling; returns the number in flight including it. */
    long enter(RateLimitBucket bucket);

    /** A request left handling after {@code nanos} of server work. */
    void exit(long nanos);

    /** A 429 was answered. */
    void tooMany(RateLimitBucket bucket, boolean concurrency, boolean limiter);

    /** A fault rule was applied. */
    default void fault() {
    }

    /** The token endpoint issued an access token. */
    default void tokenIssued() {
    }
}
