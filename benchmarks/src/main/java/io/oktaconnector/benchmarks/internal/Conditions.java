package io.oktaconnector.benchmarks.internal;

import io.oktaconnector.simulator.RateLimits;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The simulated distance to Okta and Okta's limits.
 *
 * @param limits           {@code workforce} or {@code none}
 * @param perTokenShare    the share of each bucket one token may use (Okta's default 0.5)
 * @param concurrencyLimit the org's concurrent-request limit, 0 for none
 * @param latencyBaseMs    fixed part of every request's latency
 * @param latencyJitterMs  uniform extra latency in [0, jitter]
 * @param timeScale        60 s / timeScale is one rate-limit window
 */
public record Conditions(String limits, double perTokenShare, int concurrencyLimit, long latencyBaseMs,
                         long latencyJitterMs, double timeScale) {

    /** The pinned benchmark conditions: Workforce, 50 % per token, 75 concurrent, 100 ms ± 30 ms, 1/10 time. */
    public static Conditions pinned() {
        return new Conditions("workforce", 0.5, 75, 70, 60, 10);
    }

    /** No latency and no limits (CPU and memory runs, the smoke test). */
    public static Conditions fast() {
        return new Conditions("none", 1.0, 0, 0, 0, 1);
    }

    public Conditions {
        if (!limits.equals("workforce") && !limits.equals("none")) {
            throw new IllegalArgumentException("limits must be workforce or none: " + limits);
        }
    }

    /** @return the same limits with another time scale */
    public Conditions withTimeScale(double scale) {
        return new Conditions(limits, perTokenShare, concurrencyLimit, latencyBaseMs, latencyJitterMs, scale);
    }

    /** @return the simulator's configuration of these conditions */
    public RateLimits rateLimits() {
        RateLimits base = limits.equals("workforce") ? RateLimits.workforce() : RateLimits.none();
        return base.perTokenShare(perTokenShare).concurrencyLimit(concurrencyLimit).timeScale(timeScale);
    }

    /** @return the mean latency of one request in milliseconds */
    public double meanLatencyMs() {
        return latencyBaseMs + latencyJitterMs / 2.0;
    }

    public Duration latencyBase() {
        return Duration.ofMillis(latencyBaseMs);
    }

    public Duration latencyJitter() {
        return Duration.ofMillis(latencyJitterMs);
    }

    /** @return command-line arguments that {@link #parse} reads back */
    List<String> args() {
        return List.of("--limits", limits, "--share", Double.toString(perTokenShare),
                "--concurrency-limit", Integer.toString(concurrencyLimit), "--latency-ms", Long.toString(latencyBaseMs),
                "--jitter-ms", Long.toString(latencyJitterMs), "--time-scale", Double.toString(timeScale));
    }

    static Conditions parse(Map<String, String> a) {
        return new Conditions(a.get("--limits"), Double.parseDouble(a.get("--share")),
                Integer.parseInt(a.get("--concurrency-limit")), Long.parseLong(a.get("--latency-ms")),
                Long.parseLong(a.get("--jitter-ms")), Double.parseDouble(a.get("--time-scale")));
    }

    /** @return a one-line description for the report */
    public String describe() {
        if (limits.equals("none") && latencyBaseMs == 0 && latencyJitterMs == 0) {
            return "no latency, no rate limits";
        }
        String latency = latencyBaseMs == 0 && latencyJitterMs == 0 ? "no latency"
                : String.format(Locale.ROOT, "latency %d–%d ms per request (mean %.0f)", latencyBaseMs,
                latencyBaseMs + latencyJitterMs, meanLatencyMs());
        return String.format(Locale.ROOT, "%s buckets, per-token share %.0f%%, org concurrency limit %s, %s, "
                        + "time scale 1/%s (one-minute window = %.1f s)",
                limits, perTokenShare * 100, concurrencyLimit == 0 ? "none" : concurrencyLimit, latency,
                trim(timeScale), rateLimits().windowMillis() / 1000.0);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
