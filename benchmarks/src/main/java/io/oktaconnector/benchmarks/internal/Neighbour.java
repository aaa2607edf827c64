package io.oktaconnector.benchmarks.internal;

import io.oktaconnector.simulator.RateLimitBucket;
import io.oktaconnector.simulator.RateLimits;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A noisy neighbour: another integration of the same org, sending small list calls at a steady rate that takes
 * {@code share} of the token's budget in the users, groups-members ("other") and apps buckets during the run.
 *
 * <p>The simulator knows one API token, so the neighbour uses ours: it competes for the same per-token budget, as
 * a second integration sharing a token would (a neighbour with a token of its own would compete only for the org-wide
 * budget, which the simulator does not model separately).
 */
final class Neighbour implements AutoCloseable {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "neighbour");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLongArray sent = new AtomicLongArray(RateLimitBucket.values().length);
    private final AtomicLongArray answered429 = new AtomicLongArray(RateLimitBucket.values().length);
    private final AtomicLongArray inFlight = new AtomicLongArray(1);

    /**
     * @param baseUrl   the simulator
     * @param token     the API token
     * @param limits    the conditions' limits (for the rates)
     * @param share     the share of each bucket to take, per window
     * @param anyGroup  a group whose member list to read
     */
    Neighbour(String baseUrl, String token, RateLimits limits, double share, String anyGroup) {
        schedule(baseUrl + "/api/v1/users?limit=1", RateLimitBucket.USERS, limits, share, token);
        schedule(baseUrl + "/api/v1/groups/" + anyGroup + "/users?limit=1", RateLimitBucket.OTHER, limits, share, token);
        schedule(baseUrl + "/api/v1/apps?limit=1", RateLimitBucket.APPS, limits, share, token);
    }

    private void schedule(String url, RateLimitBucket bucket, RateLimits limits, double share, String token) {
        double perWindow = limits.tokenLimit(bucket) * share;
        if (perWindow < 1) {
            return;
        }
        long periodMicros = Math.max(1, Math.round(limits.windowMillis() * 1000.0 / perWindow));
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "SSWS " + token)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).GET().build();
        timer.scheduleAtFixedRate(() -> {
            sent.incrementAndGet(bucket.ordinal());
            inFlight.incrementAndGet(0);
            http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                inFlight.decrementAndGet(0);
                if (r != null && r.statusCode() == 429) {
                    answered429.incrementAndGet(bucket.ordinal());
                }
            });
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    Map<RateLimitBucket, Long> requests() {
        return snapshot(sent);
    }

    Map<RateLimitBucket, Long> tooMany() {
        return snapshot(answered429);
    }

    private static Map<RateLimitBucket, Long> snapshot(AtomicLongArray a) {
        Map<RateLimitBucket, Long> m = new EnumMap<>(RateLimitBucket.class);
        for (RateLimitBucket b : RateLimitBucket.values()) {
            m.put(b, a.get(b.ordinal()));
        }
        return m;
    }

    /** Stops sending and waits (up to 10 s) for the answers in flight, so the counts are final. */
    @Override
    public void close() {
        timer.shutdownNow();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (inFlight.get(0) > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
