package io.oktaconnector.okta.internal.http;

/**
 * The pacing state of one rate-limit bucket: what the org told us about it (limit, remaining, reset) and what we sent
 * since. Not thread-safe: the {@link Governor} calls it under its lock. Times are {@link Ticker#nanos()}; every method
 * takes "now" so that the decisions are plain functions of the state (tests drive them directly).
 *
 * <p>Rules:
 * <ul>
 *   <li>Our budget per window is {@code B = floor(limit × share)} and the bucket's remaining must never drop below
 *       the headroom {@code limit − B} that belongs to other integrations: we may still send
 *       {@code remaining − (limit − B)} in the current window. The remaining count right now is estimated from the
 *       answers: an answer to our request number {@code k} reporting {@code r} left means {@code r − (sent − k)} are
 *       left after our later requests; the smallest estimate of the window wins (a neighbour's use shows up in it).</li>
 *   <li>The window ends at the reset, measured as {@code reset − Date} from the answer's arrival (the server's clock,
 *       so a skewed local clock does not matter), the earliest estimate of the window winning; once two consecutive
 *       resets told the window length, also no later than that length after the window's first answer (the reset
 *       has a resolution of one second, a lot for windows of a few seconds). After it we assume a fresh window, allow
 *       our budget again and learn its real numbers from its first answer.</li>
 *   <li>Within a window requests are spread: a token bucket holding at most {@code burst} tokens is refilled at
 *       (what we may still send) ÷ (time left until the reset), so the budget lasts until the reset instead of being
 *       spent at once and then stalling.</li>
 *   <li>Before the first answer the limit is unknown: at most {@code probe} requests are in flight. A bucket whose
 *       answers carry no rate-limit headers at all is paced by the concurrency limit only.</li>
 *   <li>A 429 blocks the bucket until the reset (plus a margin for the one-second resolution of the headers), capped.</li>
 * </ul>
 */
final class BucketPacer {

    /** Why a request may not start yet. */
    enum Reason {
        /** The limit is unknown: waiting for the first answers. */
        PROBING,
        /** Our budget of the current window is spent: waiting for the reset. */
        BUDGET,
        /** Spreading the budget over the window. */
        SPREADING,
        /** A 429 answer: waiting for the reset. */
        RATE_LIMITED
    }

    /**
     * A pacing decision.
     *
     * @param granted   the request may start now (it has been counted)
     * @param ticket    the request's number, to hand back with its answer; 0 when not granted
     * @param waitNanos when not granted: the longest wait before asking again (an answer may allow it sooner)
     * @param reason    when not granted: why
     */
    record Decision(boolean granted, long ticket, long waitNanos, Reason reason) {
        static Decision grant(long ticket) {
            return new Decision(true, ticket, 0, null);
        }

        static Decision waitFor(long nanos, Reason reason) {
            return new Decision(false, 0, Math.max(1, nanos), reason);
        }
    }

    static final long SECOND = 1_000_000_000L;
    /** The window length assumed until two resets in a row have been seen (Okta's windows are one minute). */
    static final long DEFAULT_WINDOW = 60 * SECOND;
    /** How long to wait for an answer before asking again when only an answer can unblock. */
    static final long ANSWER_WAIT = SECOND;
    /** Answers without rate-limit headers after which a bucket is paced by concurrency only. */
    static final int HEADERLESS_ANSWERS = 3;
    /** Added to a 429's reset: the headers have a resolution of one second (what Okta's SDKs add). */
    static final long RATE_LIMIT_MARGIN = SECOND;

    private final Bucket bucket;
    private final double share;
    private final int probe;
    private final double burstFraction;
    private final long maxWait;

    private long limit = -1;
    private int headerless;
    private long windowKey = -1;
    private long windowEnd;
    private long best = Long.MAX_VALUE;
    private boolean assumedFresh;
    private long sentAtFresh;
    private long freshAt;
    private long windowLength = DEFAULT_WINDOW;
    private long sent;
    private int inFlight;
    private double tokens;
    private long tokensAt;
    private long blockedUntil = Long.MIN_VALUE;
    private boolean blocked;

    /**
     * @param bucket        the bucket
     * @param share         the share of the limit we may use per window, in (0, 1]
     * @param probe         requests in flight before the first answer
     * @param burstFraction the token bucket's size as a share of the budget, in (0, 1]
     * @param maxWait       the cap on one wait after a 429
     */
    BucketPacer(Bucket bucket, double share, int probe, double burstFraction, long maxWait) {
        this.bucket = bucket;
        this.share = share;
        this.probe = Math.max(1, probe);
        this.burstFraction = burstFraction;
        this.maxWait = maxWait;
    }

    Bucket bucket() {
        return bucket;
    }

    /** @return the limit learnt from the headers, -1 before */
    long limit() {
        return limit;
    }

    /** @return our budget per window, -1 while the limit is unknown */
    long budget() {
        // 0.29 x 100 is 28.999999999999996 in binary: a hair of tolerance
        return limit < 0 ? -1 : Math.max(1, (long) Math.floor(limit * share + 1e-9));
    }

    /** @return the learnt window length in nanoseconds (one minute until two resets were seen) */
    long windowLength() {
        return windowLength;
    }

    /** @return requests in flight in this bucket */
    int inFlight() {
        return inFlight;
    }

    /**
     * Asks whether a request may start now; when granted it is counted as sent and in flight.
     *
     * @param now the current time
     * @return the decision
     */
    Decision tryAcquire(long now) {
        if (blocked) {
            if (now - blockedUntil < 0) {
                return Decision.waitFor(blockedUntil - now, Reason.RATE_LIMITED);
            }
            blocked = false;
        }
        if (limit < 0) {
            if (headerless >= HEADERLESS_ANSWERS || inFlight < probe) {
                return grant();
            }
            return Decision.waitFor(ANSWER_WAIT, Reason.PROBING);
        }
        if (limit == 0) {
            // a limit of 0 outside a concurrency 429 makes no sense: do not pace on it
            return grant();
        }
        long budget = budget();
        if (!assumedFresh && now - windowEnd >= 0
                || assumedFresh && now - freshAt >= windowLength) {
            // the window is over (or an assumed one passed without a single answer telling its numbers)
            startFreshWindow(now);
        }
        long allowed;
        long timeLeft;
        if (assumedFresh) {
            allowed = budget - (sent - sentAtFresh);
            timeLeft = windowLength;
            if (allowed <= 0) {
                // only the new window's first answer can tell more
                return Decision.waitFor(Math.min(ANSWER_WAIT, freshAt + windowLength - now), Reason.BUDGET);
            }
        } else {
            long remainingNow = best - sent;
            allowed = remainingNow - (limit - budget);
            timeLeft = windowEnd - now;
            if (allowed <= 0) {
                return Decision.waitFor(timeLeft, Reason.BUDGET);
            }
        }
        double capacity = Math.max(1.0, budget * burstFraction);
        double rate = allowed / (double) Math.max(1, timeLeft); // tokens per nanosecond
        if (now - tokensAt > 0) {
            tokens = Math.min(capacity, tokens + rate * (now - tokensAt));
        }
        tokensAt = now;
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return grant();
        }
        return Decision.waitFor((long) Math.ceil((1.0 - tokens) / rate), Reason.SPREADING);
    }

    private Decision grant() {
        sent++;
        inFlight++;
        return Decision.grant(sent);
    }

    private void startFreshWindow(long now) {
        assumedFresh = true;
        freshAt = now;
        sentAtFresh = sent;
        best = Long.MAX_VALUE;
        tokens = Math.max(tokens, Math.max(1.0, budget() * burstFraction));
        tokensAt = now;
    }

    /**
     * Takes in the answer to a granted request.
     *
     * @param ticket the request's number from its decision
     * @param status the HTTP status, 0 without an answer
     * @param h      the answer's rate-limit headers
     * @param now    when the answer arrived
     * @param wallMillis our wall clock, used only when the answer has no {@code Date}
     */
    void answered(long ticket, int status, RateLimitHeaders h, long now, long wallMillis) {
        inFlight = Math.max(0, inFlight - 1);
        if (status == 0) {
            return;
        }
        if (h.concurrencyLimited()) {
            return; // about the org's concurrency, not this bucket
        }
        if (!h.complete()) {
            if (limit < 0) {
                headerless++;
            }
            if (status == 429) {
                // a 429 without usable headers: wait a little and try again
                block(now, Math.min(maxWait, 2 * SECOND));
            }
            return;
        }
        long untilReset = h.millisUntilReset(wallMillis);
        long end = now + Math.max(0, Math.min(untilReset, maxWait / 1_000_000L)) * 1_000_000L;
        limit = h.limit();
        long estimate = h.remaining() + ticket;
        if (h.resetEpochSecond() > windowKey) {
            if (windowKey > 0) {
                long gap = (h.resetEpochSecond() - windowKey) * SECOND;
                // consecutive windows: the smallest distance between resets is the window length
                windowLength = Math.max(SECOND, Math.min(windowLength, gap));
            }
            windowKey = h.resetEpochSecond();
            // the window began before this answer arrived: it ends within a window length from now, often a tighter
            // bound than the reset's whole second
            windowEnd = windowLength < DEFAULT_WINDOW ? Math.min(end, now + windowLength) : end;
            best = estimate;
            assumedFresh = false;
        } else if (h.resetEpochSecond() == windowKey) {
            best = Math.min(best, estimate);
            if (assumedFresh) {
                // the window we thought over is still running (our estimate of its end was early)
                assumedFresh = false;
                windowEnd = Math.max(end, now);
            } else {
                windowEnd = Math.max(now, Math.min(windowEnd, end));
            }
        }
        // an answer about an older window tells nothing about the current one
        if (status == 429) {
            long wait = untilReset == Long.MIN_VALUE ? 2 * SECOND
                    : Math.max(0, untilReset) * 1_000_000L + RATE_LIMIT_MARGIN;
            block(now, Math.min(maxWait, wait));
        }
    }

    /** A granted request that was never sent (or failed before an answer) no longer counts as in flight. */
    void abandoned() {
        inFlight = Math.max(0, inFlight - 1);
    }

    private void block(long now, long nanos) {
        long until = now + nanos;
        if (!blocked || until - blockedUntil > 0) {
            blockedUntil = until;
        }
        blocked = true;
    }

    @Override
    public String toString() {
        return bucket + "[limit=" + limit + ", budget=" + budget() + ", sent=" + sent + ", inFlight=" + inFlight + "]";
    }
}
