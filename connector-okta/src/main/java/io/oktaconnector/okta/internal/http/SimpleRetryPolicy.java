package io.oktaconnector.okta.internal.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A plain retry policy without pacing or a concurrency guard; production uses the {@link Governor}. Kept for tests
 * that want retries on a real clock without learning rate limits (and as the control that shows what pacing saves):
 * <ul>
 *   <li>a 429 is retried (any method: Okta did not apply the request) after waiting until {@code X-Rate-Limit-Reset},
 *       measured against the server's {@code Date} (our clock when it is missing), plus one second; each wait is
 *       capped; duplicate headers take the latest reset; a missing or garbled reset waits a backoff;</li>
 *   <li>a 5xx or a dropped connection is retried with exponential backoff for GETs only (a write might have been
 *       applied);</li>
 *   <li>everything else is returned at once.</li>
 * </ul>
 */
public final class SimpleRetryPolicy implements CallPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(SimpleRetryPolicy.class);

    /** Waits; replaceable so tests need not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        /** @param d how long @throws InterruptedException when interrupted */
        void sleep(Duration d) throws InterruptedException;
    }

    private final int maxRateLimitRetries;
    private final Duration maxRateLimitWait;
    private final int maxServerErrorRetries;
    private final Duration firstBackoff;
    private final Sleeper sleeper;
    private final Clock clock;

    /**
     * @param maxRateLimitRetries   429 retries per call
     * @param maxRateLimitWait      the cap on one 429 wait
     * @param maxServerErrorRetries 5xx / connection-drop retries per GET
     * @param firstBackoff          the first backoff; doubles per retry
     * @param sleeper               waits
     * @param clock                 the local clock, used when the server sends no Date
     */
    public SimpleRetryPolicy(int maxRateLimitRetries, Duration maxRateLimitWait, int maxServerErrorRetries,
                             Duration firstBackoff, Sleeper sleeper, Clock clock) {
        this.maxRateLimitRetries = maxRateLimitRetries;
        this.maxRateLimitWait = Objects.requireNonNull(maxRateLimitWait);
        this.maxServerErrorRetries = maxServerErrorRetries;
        this.firstBackoff = Objects.requireNonNull(firstBackoff);
        this.sleeper = Objects.requireNonNull(sleeper);
        this.clock = Objects.requireNonNull(clock);
    }

    /** @return the production defaults: 6 × 429 (each wait ≤ 60 s), 3 × 5xx for GETs from 500 ms */
    public static SimpleRetryPolicy defaults() {
        return new SimpleRetryPolicy(6, Duration.ofSeconds(60), 3, Duration.ofMillis(500),
                d -> Thread.sleep(d.toMillis()), Clock.systemUTC());
    }

    @Override
    public Exchange execute(Call call, Supplier<Exchange> attempt) throws InterruptedException {
        int rateLimitRetries = 0;
        int serverRetries = 0;
        while (true) {
            Exchange ex = attempt.get();
            if (ex.ok()) {
                return ex;
            }
            Duration wait;
            if (ex.status() == 429 && rateLimitRetries < maxRateLimitRetries) {
                wait = rateLimitWait(ex.info(), rateLimitRetries);
                rateLimitRetries++;
                LOG.info("{}: rate limited (429), retry {} of {} in {} ms", call, rateLimitRetries, maxRateLimitRetries,
                        wait.toMillis());
            } else if (call.idempotentRead() && serverRetries < maxServerErrorRetries && transientFailure(ex)) {
                wait = firstBackoff.multipliedBy(1L << serverRetries);
                serverRetries++;
                LOG.info("{}: {} , retry {} of {} in {} ms", call, ex.status() == 0 ? "connection failed" : "HTTP " + ex.status(),
                        serverRetries, maxServerErrorRetries, wait.toMillis());
            } else {
                return ex;
            }
            sleeper.sleep(wait);
        }
    }

    private static boolean transientFailure(Exchange ex) {
        int s = ex.status();
        if (s == 500 || s == 502 || s == 503 || s == 504) {
            return true;
        }
        if (s != 0) {
            return false;
        }
        // a dropped or reset connection; not a refused connection, an unknown host, a timeout or a parse failure
        for (Throwable t = ex.failure(); t != null; t = t.getCause()) {
            if (t instanceof org.apache.hc.core5.http.NoHttpResponseException
                    || t instanceof org.apache.hc.core5.http.ConnectionClosedException
                    || (t instanceof SocketException && !(t instanceof java.net.ConnectException))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** How long to wait after a 429: until the reset, by the server's clock, plus a second; capped. */
    Duration rateLimitWait(ResponseInfo info, int retry) {
        Duration backoff = Duration.ofSeconds(1L << Math.min(retry, 5));
        if (info == null) {
            return min(backoff, maxRateLimitWait);
        }
        long reset = -1;
        for (String v : info.all("X-Rate-Limit-Reset")) {
            for (String part : v.split(",")) {
                try {
                    reset = Math.max(reset, Long.parseLong(part.strip()));
                } catch (NumberFormatException ignored) {
                    // a garbled value counts as absent
                }
            }
        }
        if (reset < 0) {
            return min(backoff, maxRateLimitWait);
        }
        long nowMillis = serverNow(info);
        long waitMillis = reset * 1000 - nowMillis + 1000;
        return min(Duration.ofMillis(Math.max(waitMillis, 1000)), maxRateLimitWait);
    }

    private long serverNow(ResponseInfo info) {
        for (String date : info.all("Date")) {
            try {
                return ZonedDateTime.parse(date.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
            } catch (DateTimeParseException ignored) {
                // try the next one, then our own clock
            }
        }
        return clock.millis();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
