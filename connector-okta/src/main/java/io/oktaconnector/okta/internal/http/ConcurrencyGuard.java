package io.oktaconnector.okta.internal.http;

/**
 * Bounds the requests in flight across every bucket: at most {@code MaxConcurrency}, and fewer after Okta's org-wide
 * concurrency limit answered 429 (limit and remaining 0). The bound adapts like TCP's congestion window (AIMD): halved
 * on a concurrency 429, but only for a request sent after the last decrease (the 429s of requests already in flight
 * then belong to the same overload), raised by one after twice the bound's worth of successes, never above
 * {@code MaxConcurrency} nor below one. Not thread-safe: the {@link Governor} calls it under its lock.
 */
final class ConcurrencyGuard {

    private final int max;
    private int limit;
    private int inFlight;
    private int successes;
    private long lastDecrease;
    private boolean decreased;

    /** @param max {@code MaxConcurrency} */
    ConcurrencyGuard(int max) {
        this.max = Math.max(1, max);
        this.limit = this.max;
    }

    /** @return whether one more request may be in flight */
    boolean available() {
        return inFlight < limit;
    }

    void acquire() {
        inFlight++;
    }

    void release() {
        inFlight = Math.max(0, inFlight - 1);
    }

    /** An answer that was not a concurrency 429: additive increase. */
    void succeeded() {
        if (limit < max && ++successes >= 2 * limit) {
            limit++;
            successes = 0;
        }
    }

    /**
     * A concurrency 429: multiplicative decrease.
     *
     * @param now    the current time
     * @param sentAt when the refused request was sent
     * @return whether the bound was lowered (not for a request sent before the last decrease)
     */
    boolean concurrencyLimited(long now, long sentAt) {
        if (decreased && sentAt - lastDecrease < 0) {
            return false;
        }
        limit = Math.max(1, limit / 2);
        successes = 0;
        lastDecrease = now;
        decreased = true;
        return true;
    }

    /** @return the current bound on requests in flight */
    int limit() {
        return limit;
    }

    /** @return requests in flight */
    int inFlight() {
        return inFlight;
    }
}
