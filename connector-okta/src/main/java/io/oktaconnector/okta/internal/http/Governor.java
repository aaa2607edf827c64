package io.oktaconnector.okta.internal.http;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.okta.OktaSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * The request governor: the production {@link CallPolicy}, one per connector, shared by every run and thread.
 * <ul>
 *   <li><b>Pacing</b> per rate-limit {@link Bucket} ({@link BucketPacer}): limits learnt from each answer's headers,
 *       at most {@code RateLimitShare} of each bucket's limit per window, spread over the window.</li>
 *   <li><b>Concurrency</b> ({@link ConcurrencyGuard}): at most {@code MaxConcurrency} requests in flight, halved when
 *       Okta answers with its org-wide concurrency 429 (limit and remaining 0); such a 429 is retried after a short
 *       jittered wait, never after its (misleading) reset.</li>
 *   <li><b>Retries</b> (the SDK's and HttpClient's are off): a 429 is retried once its bucket's window has reset,
 *       measured as {@code X-Rate-Limit-Reset − Date} on the server's clock, capped per wait; any method (Okta refused
 *       the request before doing anything). HTTP 500/502/503/504 and dropped connections are retried with full-jitter
 *       exponential backoff for reads only: a write whose answer is lost, cut short or failed is returned as it is,
 *       and becomes {@code OUTCOME_UNKNOWN} (dropped connection, unreadable 2xx body, any 5xx) for the fulfill layer,
 *       which looks the object up before it creates anything again.</li>
 *   <li><b>Deadline</b>: no attempt starts after the run's deadline ({@code TIMEOUT}); a wait for a rate limit that
 *       would end after it fails at once with {@code RATE_LIMITED}.</li>
 * </ul>
 * Every wait is counted in the run's {@link RequestStats}.
 */
public final class Governor implements CallPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(Governor.class);

    /**
     * The governor's knobs.
     *
     * @param share                 {@code RateLimitShare}: the share of each bucket's limit we may use per window
     * @param maxConcurrency        {@code MaxConcurrency}: requests in flight at most
     * @param probe                 requests in flight in a bucket before its first answer told its limit
     * @param burstFraction         the pacing token bucket's size, as a share of the budget per window
     * @param maxRateLimitWait      the cap on one wait for a 429's reset
     * @param maxRateLimitRetries   429 answers retried per call
     * @param maxServerRetries      5xx / dropped-connection retries per read
     * @param backoffBase           the first backoff ceiling; doubles per retry (full jitter below it)
     * @param backoffCap            the largest backoff ceiling
     * @param concurrencyBackoff    the first ceiling of the jittered wait after a concurrency 429; doubles per retry
     * @param maxConcurrencyRetries concurrency 429s retried per call
     */
    public record Config(double share, int maxConcurrency, int probe, double burstFraction, Duration maxRateLimitWait,
                         int maxRateLimitRetries, int maxServerRetries, Duration backoffBase, Duration backoffCap,
                         Duration concurrencyBackoff, int maxConcurrencyRetries) {

        public Config {
            if (!(share > 0 && share <= 1)) {
                throw new IllegalArgumentException("share must be in (0, 1]: " + share);
            }
            if (maxConcurrency < 1 || probe < 1) {
                throw new IllegalArgumentException("maxConcurrency and probe must be at least 1");
            }
            if (!(burstFraction > 0 && burstFraction <= 1)) {
                throw new IllegalArgumentException("burstFraction must be in (0, 1]: " + burstFraction);
            }
            Objects.requireNonNull(maxRateLimitWait, "maxRateLimitWait == null");
            Objects.requireNonNull(backoffBase, "backoffBase == null");
            Objects.requireNonNull(backoffCap, "backoffCap == null");
            Objects.requireNonNull(concurrencyBackoff, "concurrencyBackoff == null");
        }

        /**
         * The production knobs for given settings: 2 requests in flight per bucket before its limit is known, bursts
         * of a quarter of a window's budget, 429 waits capped at 60 s and retried up to 20 times per call (bounded by
         * the run's deadline), 4 backoff retries for reads from 0.5 s up to 20 s, concurrency 429s retried up to 10
         * times after a jittered wait from 0.25 s.
         *
         * @param settings valid settings
         * @return the knobs
         */
        public static Config of(OktaSettings settings) {
            return new Config(settings.rateLimitShare(), settings.maxConcurrency(), 2, 0.25, Duration.ofSeconds(60),
                    20, 4, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofMillis(250), 10);
        }
    }

    private final Config config;
    private final Ticker ticker;
    private final DoubleSupplier random;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Condition never = lock.newCondition();
    private final Map<Bucket, BucketPacer> pacers = new EnumMap<>(Bucket.class);
    private final ConcurrencyGuard guard;

    /**
     * @param config the knobs
     * @param ticker the clocks and waits ({@link Ticker#SYSTEM} in production)
     * @param random uniform numbers in [0, 1) for jitter
     */
    public Governor(Config config, Ticker ticker, DoubleSupplier random) {
        this.config = Objects.requireNonNull(config, "config == null");
        this.ticker = Objects.requireNonNull(ticker, "ticker == null");
        this.random = Objects.requireNonNull(random, "random == null");
        long maxWait = config.maxRateLimitWait().toNanos();
        for (Bucket b : Bucket.values()) {
            pacers.put(b, new BucketPacer(b, config.share(), config.probe(), config.burstFraction(), maxWait));
        }
        this.guard = new ConcurrencyGuard(config.maxConcurrency());
    }

    /**
     * @param settings valid settings
     * @return the production governor for them
     */
    public static Governor of(OktaSettings settings) {
        return new Governor(Config.of(settings), Ticker.SYSTEM, () -> ThreadLocalRandom.current().nextDouble());
    }

    @Override
    public Exchange execute(Call call, Supplier<Exchange> attempt) throws InterruptedException {
        return execute(call, attempt, CallScope.NONE);
    }

    @Override
    public Deadline deadlineAfter(Duration timeout) {
        return Deadline.after(timeout, ticker);
    }

    @Override
    public Ticker ticker() {
        return ticker;
    }

    @Override
    public Exchange execute(Call call, Supplier<Exchange> attempt, CallScope scope) throws InterruptedException {
        BucketPacer pacer = pacers.get(call.bucket());
        int rateLimited = 0;
        int concurrencyLimited = 0;
        int failures = 0;
        while (true) {
            long ticket = admit(call, pacer, scope);
            long sentAt = ticker.nanos();
            Exchange ex;
            try {
                ex = attempt.get();
            } catch (RuntimeException | Error e) {
                lock.lock();
                try {
                    pacer.abandoned();
                    guard.release();
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
                throw e;
            }
            RateLimitHeaders h = RateLimitHeaders.of(ex.info());
            boolean concurrency429 = ex.status() == 429 && h.concurrencyLimited();
            lock.lock();
            try {
                long now = ticker.nanos();
                guard.release();
                pacer.answered(ticket, ex.status(), h, now, ticker.wallMillis());
                if (concurrency429) {
                    if (guard.concurrencyLimited(now, sentAt)) {
                        LOG.info("{}: Okta's org-wide concurrency limit answered 429; requests in flight now at most {}",
                                call, guard.limit());
                    }
                } else if (ex.status() != 0) {
                    guard.succeeded();
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            if (ex.ok()) {
                return ex;
            }
            if (concurrency429) {
                if (++concurrencyLimited > config.maxConcurrencyRetries()) {
                    throw new ConnectorException(ErrorCode.RATE_LIMITED, call + ": Okta's org-wide concurrency limit"
                            + " kept answering 429 after " + config.maxConcurrencyRetries() + " retries; other"
                            + " integrations hold the org's concurrent requests, lower MaxConcurrency or retry later"
                            + requestId(ex));
                }
                long ceiling = capped(config.concurrencyBackoff().toNanos(), concurrencyLimited - 1,
                        config.backoffCap().toNanos());
                // full jitter, at least a tenth of the ceiling: the other requests in flight must get to end first
                long wait = ceiling / 10 + (long) (random.getAsDouble() * (ceiling - ceiling / 10));
                LOG.debug("{}: concurrency 429, retry {} in {} ms", call, concurrencyLimited, wait / 1_000_000);
                if (!sleep(wait, scope)) {
                    throw new ConnectorException(ErrorCode.RATE_LIMITED, call + ": Okta's org-wide concurrency limit"
                            + " answered 429 and the run's " + scope.deadline().describe() + " is reached"
                            + requestId(ex));
                }
                continue;
            }
            if (ex.status() == 429) {
                if (++rateLimited > config.maxRateLimitRetries()) {
                    return ex;
                }
                LOG.info("{}: rate limited (429) in bucket {}; retry {} after the reset", call, call.bucket(),
                        rateLimited);
                continue; // admit() waits for the bucket's reset
            }
            if (call.idempotentRead() && failures < config.maxServerRetries() && transientFailure(ex)) {
                long ceiling = capped(config.backoffBase().toNanos(), failures, config.backoffCap().toNanos());
                long wait = (long) (random.getAsDouble() * ceiling);
                failures++;
                LOG.info("{}: {}, retry {} of {} in {} ms", call, ex.status() == 0 ? "connection failed"
                        : "HTTP " + ex.status(), failures, config.maxServerRetries(), wait / 1_000_000);
                if (!sleep(wait, scope)) {
                    return ex;
                }
                continue;
            }
            return ex;
        }
    }

    /**
     * Waits until the call's bucket and the concurrency bound allow one more request, then counts it in both.
     *
     * @return the request's ticket for its bucket
     */
    private long admit(Call call, BucketPacer pacer, CallScope scope) throws InterruptedException {
        long started = ticker.nanos();
        boolean waited = false;
        lock.lock();
        try {
            while (true) {
                long now = ticker.nanos();
                long left = scope.deadline().leftNanos(now);
                if (left <= 0) {
                    throw new ConnectorException(ErrorCode.TIMEOUT, call + ": the run exceeded "
                            + scope.deadline().describe() + "; stopped before sending");
                }
                long wait;
                BucketPacer.Reason reason;
                if (!guard.available()) {
                    wait = BucketPacer.ANSWER_WAIT;
                    reason = null;
                } else {
                    BucketPacer.Decision d = pacer.tryAcquire(now);
                    if (d.granted()) {
                        guard.acquire();
                        if (waited) {
                            scope.waited(now - started);
                        }
                        return d.ticket();
                    }
                    wait = d.waitNanos();
                    reason = d.reason();
                }
                if (wait > left && (reason == BucketPacer.Reason.BUDGET
                        || reason == BucketPacer.Reason.RATE_LIMITED)) {
                    if (waited) {
                        scope.waited(now - started);
                    }
                    throw new ConnectorException(ErrorCode.RATE_LIMITED, call + ": Okta's rate limit for "
                            + call.bucket() + " (" + pacer.limit() + " per window, our share " + config.share()
                            + ") resets in " + Math.max(1, wait / 1_000_000_000L) + " s, after the run's "
                            + scope.deadline().describe() + "; the request was not sent");
                }
                waited = true;
                ticker.await(changed, Math.min(wait, left));
            }
        } finally {
            lock.unlock();
        }
    }

    /** @return false when the wait would pass the deadline (then no wait is made) */
    private boolean sleep(long nanos, CallScope scope) throws InterruptedException {
        lock.lock();
        try {
            long start = ticker.nanos();
            if (nanos >= scope.deadline().leftNanos(start)) {
                return false;
            }
            long end = start + nanos;
            for (long now = start; end - now > 0; now = ticker.nanos()) {
                ticker.await(never, end - now);
            }
            scope.waited(ticker.nanos() - start);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private static long capped(long base, int doublings, long cap) {
        long v = base;
        for (int i = 0; i < doublings && v < cap; i++) {
            v *= 2;
        }
        return Math.min(v, cap);
    }

    /** HTTP 500/502/503/504, or a connection that dropped or was reset (not refused, not a timeout, not bad JSON). */
    static boolean transientFailure(Exchange ex) {
        int s = ex.status();
        if (s == 500 || s == 502 || s == 503 || s == 504) {
            return true;
        }
        if (s != 0) {
            return false;
        }
        for (Throwable t = ex.failure(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.hc.core5.http.NoHttpResponseException
                    || t instanceof org.apache.hc.core5.http.ConnectionClosedException
                    || (t instanceof SocketException && !(t instanceof java.net.ConnectException))) {
                return true;
            }
        }
        return false;
    }

    private static String requestId(Exchange ex) {
        String id = ex.info() == null ? null : ex.info().first("X-Okta-Request-Id");
        return id == null ? "" : " [X-Okta-Request-Id " + id + "]";
    }

    /**
     * @param bucket a bucket
     * @return our budget per window in it (its learnt limit × our share), -1 while unknown
     */
    @Override
    public long budgetPerWindow(Bucket bucket) {
        lock.lock();
        try {
            return pacers.get(bucket).budget();
        } finally {
            lock.unlock();
        }
    }

    /** @return the current bound on requests in flight (MaxConcurrency unless Okta's concurrency limit lowered it) */
    public int concurrencyLimit() {
        lock.lock();
        try {
            return guard.limit();
        } finally {
            lock.unlock();
        }
    }

    /** @return the knobs */
    public Config config() {
        return config;
    }
}
