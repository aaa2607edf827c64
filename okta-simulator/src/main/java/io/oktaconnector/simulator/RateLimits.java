package io.oktaconnector.simulator;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Rate-limit configuration: per-bucket requests per minute, the share of a bucket one API token
 * may use, the org's concurrency limit and a time scale. Immutable; the modifiers return copies.
 *
 * <p>Presets follow Okta's published default table (2025). {@link #none()} is the default: buckets
 * of 1,000,000 per minute and no concurrency limit, so headers still look real but nothing is refused.
 */
public final class RateLimits {
    private static final int UNLIMITED = 1_000_000;

    private final String name;
    private final Map<RateLimitBucket, Integer> perMinute;
    private final double perTokenShare;
    private final int concurrencyLimit;
    private final double timeScale;

    private RateLimits(String name, Map<RateLimitBucket, Integer> perMinute, double perTokenShare,
                       int concurrencyLimit, double timeScale) {
        this.name = name;
        this.perMinute = new EnumMap<>(perMinute);
        this.perTokenShare = perTokenShare;
        this.concurrencyLimit = concurrencyLimit;
        this.timeScale = timeScale;
    }

    private static RateLimits preset(String name, int apps, int appById, int groups, int groupById, int users,
                                     int userWrite, int userGet, int logs, int other, int orgAuthServer,
                                     int concurrency) {
        Map<RateLimitBucket, Integer> m = new EnumMap<>(RateLimitBucket.class);
        m.put(RateLimitBucket.APPS, apps);
        m.put(RateLimitBucket.APP_BY_ID, appById);
        m.put(RateLimitBucket.GROUPS, groups);
        m.put(RateLimitBucket.GROUP_BY_ID, groupById);
        m.put(RateLimitBucket.USERS, users);
        m.put(RateLimitBucket.USER_WRITE_BY_ID, userWrite);
        m.put(RateLimitBucket.USER_GET_BY_ID, userGet);
        m.put(RateLimitBucket.LOGS, logs);
        m.put(RateLimitBucket.OTHER, other);
        m.put(RateLimitBucket.ORG_AUTHORIZATION_SERVER, orgAuthServer);
        return new RateLimits(name, m, 1.0, concurrency, 1.0);
    }

    /**
     * Effectively unlimited (1,000,000 per bucket and minute, no concurrency limit). The default.
     *
     * @return the limits
     */
    public static RateLimits none() {
        return preset("none", UNLIMITED, UNLIMITED, UNLIMITED, UNLIMITED, UNLIMITED, UNLIMITED, UNLIMITED,
                UNLIMITED, UNLIMITED, UNLIMITED, 0);
    }

    /**
     * Okta Workforce Identity defaults: apps 100, users 600, groups 500, other 1200, org authorization
     * server (token endpoint) 2000; 75 concurrent.
     *
     * @return the limits
     */
    public static RateLimits workforce() {
        return preset("workforce", 100, 500, 500, 1000, 600, 600, 2000, 120, 1200, 2000, 75);
    }

    /**
     * Okta Enterprise defaults: apps 100, users 600, groups 600, other 600, token endpoint 1200; 75 concurrent.
     *
     * @return the limits
     */
    public static RateLimits enterprise() {
        return preset("enterprise", 100, 600, 600, 600, 600, 600, 1000, 50, 600, 1200, 75);
    }

    /**
     * Okta Integrator Free defaults: apps 20, everything else 100, token endpoint 300; 35 concurrent.
     *
     * @return the limits
     */
    public static RateLimits free() {
        return preset("free", 20, 100, 100, 100, 100, 100, 100, 20, 100, 300, 35);
    }

    /**
     * The share (0 &lt; share &lt;= 1) of every bucket the simulator's token may use; Okta's default for
     * a real token is 0.5, the presets here start at 1.0 (the org-wide limit).
     *
     * @param share the share, in (0, 1]
     * @return a copy with it
     */
    public RateLimits perTokenShare(double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("perTokenShare must be in (0, 1]: " + share);
        }
        return new RateLimits(name, perMinute, share, concurrencyLimit, timeScale);
    }

    /**
     * The org's concurrent-request limit; 0 means unlimited.
     *
     * @param limit at least 0
     * @return a copy with it
     */
    public RateLimits concurrencyLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("concurrencyLimit must be >= 0: " + limit);
        }
        return new RateLimits(name, perMinute, perTokenShare, limit, timeScale);
    }

    /**
     * Compresses time: a window lasts {@code 60 s / scale} (scale 60 gives one-second windows).
     * Limits per window stay the same.
     *
     * @param scale greater than 0
     * @return a copy with it
     */
    public RateLimits timeScale(double scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("timeScale must be > 0: " + scale);
        }
        return new RateLimits(name, perMinute, perTokenShare, concurrencyLimit, scale);
    }

    /**
     * Overrides one bucket's requests per minute (before the per-token share).
     *
     * @param bucket            the bucket, never {@code null}
     * @param requestsPerMinute at least 1
     * @return a copy with it
     */
    public RateLimits bucket(RateLimitBucket bucket, int requestsPerMinute) {
        Objects.requireNonNull(bucket, "bucket");
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("requestsPerMinute must be >= 1: " + requestsPerMinute);
        }
        Map<RateLimitBucket, Integer> m = new EnumMap<>(perMinute);
        m.put(bucket, requestsPerMinute);
        return new RateLimits(name, m, perTokenShare, concurrencyLimit, timeScale);
    }

    /**
     * The org-wide requests per window of a bucket.
     *
     * @param bucket the bucket
     * @return its limit
     */
    public int orgLimit(RateLimitBucket bucket) {
        return perMinute.get(bucket);
    }

    /**
     * The requests per window the simulator's token may make in a bucket (org limit x share, at least 1).
     *
     * @param bucket the bucket
     * @return the token's limit
     */
    public int tokenLimit(RateLimitBucket bucket) {
        return Math.max(1, (int) Math.floor(perMinute.get(bucket) * perTokenShare));
    }

    /**
     * @return the share of every bucket the simulator's token may use
     */
    public double perTokenShare() {
        return perTokenShare;
    }

    /**
     * @return the org's concurrent-request limit; 0 means unlimited
     */
    public int concurrencyLimit() {
        return concurrencyLimit;
    }

    /**
     * @return how much faster than real time the windows pass
     */
    public double timeScale() {
        return timeScale;
    }

    /** {@return the length of one window in milliseconds: 60,000 / time scale, at least 1} */
    public long windowMillis() {
        return Math.max(1L, Math.round(60_000d / timeScale));
    }

    @Override
    public String toString() {
        return "RateLimits[" + name + ", share=" + perTokenShare + ", concurrency=" + concurrencyLimit
                + ", timeScale=" + timeScale + ", " + perMinute + "]";
    }
}
