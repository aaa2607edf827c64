package io.oktaconnector.simulator.internal;

import io.oktaconnector.simulator.RateLimitBucket;
import io.oktaconnector.simulator.RateLimits;

import java.time.Clock;

/**
 * Per-bucket fixed windows. A window opens with the first request after the previous one ended
 * (so windows are not aligned to wall-clock minutes, as in Okta) and lasts 60 s / time scale.
 */
public final class RateLimiter {
    private final RateLimits limits;
    private final Clock clock;
    private final Window[] windows;

    /** The outcome of one admission: allowed or not, and the header values to send. */
    public record Decision(boolean allowed, int limit, int remaining, long resetEpochSeconds) {
    }

    private static final class Window {
        long start = Long.MIN_VALUE;
        int used;
    }

    public RateLimiter(RateLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        this.windows = new Window[RateLimitBucket.values().length];
        for (int i = 0; i < windows.length; i++) {
            windows[i] = new Window();
        }
    }

    public RateLimits limits() {
        return limits;
    }

    public Decision acquire(RateLimitBucket bucket) {
        long now = clock.millis();
        long len = limits.windowMillis();
        int limit = limits.tokenLimit(bucket);
        Window w = windows[bucket.ordinal()];
        synchronized (w) {
            if (w.start == Long.MIN_VALUE || now >= w.start + len || now < w.start) {
                w.start = now;
                w.used = 0;
            }
            long reset = ceilSeconds(w.start + len);
            if (w.used < limit) {
                w.used++;
                return new Decision(true, limit, limit - w.used, reset);
            }
            return new Decision(false, limit, 0, reset);
        }
    }

    /** The suggested reset for a concurrency rejection: one second from now. */
    public long concurrencyReset() {
        return ceilSeconds(clock.millis() + 1000);
    }

    private static long ceilSeconds(long millis) {
        return Math.floorDiv(millis + 999, 1000);
    }

    /** Which bucket a request counts against (Okta's longest-match map). */
    public static RateLimitBucket bucketOf(String method, String path) {
        if (path.startsWith("/oauth2/v1/") && !path.startsWith("/oauth2/v1/clients")) {
            return RateLimitBucket.ORG_AUTHORIZATION_SERVER;
        }
        if (!path.startsWith("/api/v1/")) {
            return RateLimitBucket.OTHER;
        }
        String rest = path.substring(8);
        String[] s = rest.split("/", -1);
        switch (s[0]) {
            case "apps":
                if (s.length == 2 && !s[1].isEmpty()
                        && (method.equals("GET") || method.equals("PUT") || method.equals("DELETE"))) {
                    return RateLimitBucket.APP_BY_ID;
                }
                return RateLimitBucket.APPS;
            case "groups":
                if (s.length == 1 || (s.length == 2 && s[1].isEmpty())) {
                    return RateLimitBucket.GROUPS;
                }
                if (s.length == 2 && !s[1].equals("rules")) {
                    return RateLimitBucket.GROUP_BY_ID;
                }
                return RateLimitBucket.OTHER;
            case "users":
                if (s.length == 1 || (s.length == 2 && s[1].isEmpty())) {
                    return RateLimitBucket.USERS;
                }
                if (s.length == 2) {
                    return method.equals("GET") ? RateLimitBucket.USER_GET_BY_ID : RateLimitBucket.USER_WRITE_BY_ID;
                }
                return RateLimitBucket.OTHER;
            case "logs":
                return RateLimitBucket.LOGS;
            default:
                return RateLimitBucket.OTHER;
        }
    }
}
