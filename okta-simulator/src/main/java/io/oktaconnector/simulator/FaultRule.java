package io.oktaconnector.simulator;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One fault to inject: which requests (method and path pattern), when (a trigger) and what (a fault).
 * Immutable; every fluent method returns a copy. Example:
 * <pre>{@code
 * sim.faults().add(FaultRule.on("GET", "/api/v1/groups/*}{@code /users").nth(3).status(500));
 * sim.faults().add(FaultRule.on("POST", "/api/v1/users").times(1).ambiguousWrite());
 * }</pre>
 *
 * <p>Patterns match the decoded path without the query; {@code *} matches exactly one segment,
 * a trailing {@code **} any rest. The method {@code "*"} matches every method. Without a trigger the
 * rule fires {@link #always()}; without a fault it is a {@code status(500)}. When several rules fire
 * for one request they all apply, in the order they were added (a delay and a status combine).
 */
public final class FaultRule {

    /** When a rule fires, counted over the requests its method and pattern match. */
    public enum Trigger {
        /** Every matching request ({@link FaultRule#always()}). */
        ALWAYS,
        /** Only the n-th ({@link FaultRule#nth(long)}). */
        NTH,
        /** The first n ({@link FaultRule#times(long)}). */
        TIMES,
        /** Every one after the first n ({@link FaultRule#afterRequests(long)}). */
        AFTER,
        /** Each with a probability ({@link FaultRule#probability(double, long)}). */
        PROBABILITY
    }

    /** What a firing rule does to the exchange. */
    public enum Fault {
        /** Answer with the status (an Okta error body; a 429 carries no rate-limit headers); no write happens. */
        STATUS,
        /** Read the request, then reset the connection without sending a byte; no write happens. */
        RESET_BEFORE_BODY,
        /** Send the whole response, then reset the connection (a keep-alive reuse fails). */
        RESET_AFTER_BODY,
        /** Send the head and half the body (Content-Length promises all of it), then reset. */
        TRUNCATED_BODY,
        /** Send a 200 whose JSON body is cut short (not parseable). */
        MALFORMED_JSON,
        /** Wait this long before handling the request (e.g. longer than the client's read timeout). */
        DELAY,
        /** Answer 302 with a Location on another origin; no write happens. */
        REDIRECT,
        /** Put the {@code next} Link on another origin (same path and query). */
        FOREIGN_NEXT_LINK,
        /** Always send a {@code next} Link whose cursor is this request's cursor: paging never ends. */
        ENDLESS_NEXT_LINK,
        /** Send every X-Rate-Limit-* header twice, with different values. */
        DUPLICATE_RATE_LIMIT_HEADERS,
        /** Leave out the Date header. */
        MISSING_DATE,
        /** Apply the request (the write is committed), then reset the connection without a response. */
        AMBIGUOUS_WRITE,
        /** Apply the request, then answer its status with an empty body ({@code Content-Length: 0}). */
        EMPTY_BODY
    }

    private final String method;
    private final String pathPattern;
    private final Trigger trigger;
    private final long n;
    private final double probability;
    private final long seed;
    private final Fault fault;
    private final int status;
    private final Duration delay;
    private final String url;

    private FaultRule(String method, String pathPattern, Trigger trigger, long n, double probability, long seed,
                      Fault fault, int status, Duration delay, String url) {
        this.method = method;
        this.pathPattern = pathPattern;
        this.trigger = trigger;
        this.n = n;
        this.probability = probability;
        this.seed = seed;
        this.fault = fault;
        this.status = status;
        this.delay = delay;
        this.url = url;
    }

    /**
     * A rule for requests with this method ({@code "*"} for any) and path pattern.
     *
     * @param method      an HTTP method, or {@code "*"} for any
     * @param pathPattern a path pattern starting with {@code /}
     * @return the rule (fires always, answers 500)
     * @throws NullPointerException when an argument is null
     */
    public static FaultRule on(String method, String pathPattern) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathPattern, "pathPattern");
        if (!pathPattern.startsWith("/")) {
            throw new IllegalArgumentException("pathPattern must start with '/': " + pathPattern);
        }
        return new FaultRule(method.toUpperCase(Locale.ROOT), pathPattern, Trigger.ALWAYS, 0, 0, 0,
                Fault.STATUS, 500, Duration.ZERO, null);
    }

    private FaultRule trigger(Trigger t, long count, double p, long s) {
        return new FaultRule(method, pathPattern, t, count, p, s, fault, status, delay, url);
    }

    private FaultRule fault(Fault f, int st, Duration d, String u) {
        return new FaultRule(method, pathPattern, trigger, n, probability, seed, f, st, d, u);
    }

    /**
     * Fires on every matching request (the default).
     *
     * @return a copy of this rule with it
     */
    public FaultRule always() {
        return trigger(Trigger.ALWAYS, 0, 0, 0);
    }

    /**
     * Fires only on the n-th matching request (1-based).
     *
     * @param nth the request that fires, at least 1
     * @return a copy of this rule with it
     */
    public FaultRule nth(long nth) {
        requirePositive(nth, "nth");
        return trigger(Trigger.NTH, nth, 0, 0);
    }

    /**
     * Fires on the first {@code times} matching requests.
     *
     * @param times how many requests fire, at least 1
     * @return a copy of this rule with it
     */
    public FaultRule times(long times) {
        requirePositive(times, "times");
        return trigger(Trigger.TIMES, times, 0, 0);
    }

    /**
     * Fires on every matching request after the first {@code k}.
     *
     * @param k how many matching requests pass first, at least 0
     * @return a copy of this rule with it
     */
    public FaultRule afterRequests(long k) {
        if (k < 0) {
            throw new IllegalArgumentException("afterRequests must be >= 0: " + k);
        }
        return trigger(Trigger.AFTER, k, 0, 0);
    }

    /**
     * Fires on each matching request with probability p, drawn from a generator seeded with {@code seed}.
     *
     * @param p    the probability, in [0, 1]
     * @param seed the generator's seed
     * @return a copy of this rule with it
     */
    public FaultRule probability(double p, long seed) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1]: " + p);
        }
        return trigger(Trigger.PROBABILITY, 0, p, seed);
    }

    /**
     * Answers with this HTTP status and an Okta error body (429: no rate-limit headers).
     *
     * @param httpStatus 100 to 599
     * @return a copy of this rule with it
     */
    public FaultRule status(int httpStatus) {
        if (httpStatus < 100 || httpStatus > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + httpStatus);
        }
        return fault(Fault.STATUS, httpStatus, Duration.ZERO, null);
    }

    /**
     * See {@link Fault#RESET_BEFORE_BODY}.
     *
     * @return a copy of this rule with it
     */
    public FaultRule resetBeforeBody() {
        return fault(Fault.RESET_BEFORE_BODY, 0, Duration.ZERO, null);
    }

    /**
     * See {@link Fault#RESET_AFTER_BODY}.
     *
     * @return a copy of this rule with it
     */
    public FaultRule resetAfterBody() {
        return fault(Fault.RESET_AFTER_BODY, 0, Duration.ZERO, null);
    }

    /**
     * See {@link Fault#TRUNCATED_BODY}.
     *
     * @return a copy of this rule with it
     */
    public FaultRule truncatedBody() {
        return fault(Fault.TRUNCATED_BODY, 0, Duration.ZERO, null);
    }

    /**
     * See {@link Fault#MALFORMED_JSON}.
     *
     * @return a copy of this rule with it
     */
    public FaultRule malformedJson() {
        return fault(Fault.MALFORMED_JSON, 0, Duration.ZERO, null);
    }

    /**
     * See {@link Fault#DELAY}.
     *
     * @param duration how long, not negative, never {@code null}
     * @return a copy of this rule with it
     */
    public FaultRule delay(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative delay: " + duration);
        }
        return fault(Fault.DELAY, 0, duration, null);
    }

    /**
     * See {@link Fault#REDIRECT}. A URL with no path ({@code http://127.0.0.2:9}) gets the request's
     * path and query appended; otherwise it is sent verbatim.
     *
     * @param foreignUrl the Location, never {@code null}
     * @return a copy of this rule with it
     */
    public FaultRule redirectTo(String foreignUrl) {
        Objects.requireNonNull(foreignUrl, "foreignUrl");
        return fault(Fault.REDIRECT, 302, Duration.ZERO, foreignUrl);
    }

    /**
     * See {@link Fault#FOREIGN_NEXT_LINK}; {@code foreignOrigin} is e.g. {@code http://127.0.0.2:9}.
     *
     * @param foreignOrigin the other origin, never {@code null}
     * @return a copy of this rule with it
     */
    public FaultRule foreignNextLink(String foreignOrigin) {
        Objects.requireNonNull(foreignOrigin, "foreignOrigin");
        return fault(Fault.FOREIGN_NEXT_LINK, 0, Duration.ZERO, stripSlash(foreignOrigin));
    }

    /**
     * See {@link Fault#ENDLESS_NEXT_LINK}.
     *
     * @return a copy of this rule with it
     */
    public FaultRule endlessNextLink() {
        return fault(Fault.ENDLESS_NEXT_LINK, 0, Duration.ZERO, null);
    }

    /**
     * See {@link Fault#DUPLICATE_RATE_LIMIT_HEADERS}.
     *
     * @return a copy of this rule with it
     */
    public FaultRule duplicateRateLimitHeaders() {
        return fault(Fault.DUPLICATE_RATE_LIMIT_HEADERS, 0, Duration.ZERO, null);
    }

    /**
     * See {@link Fault#MISSING_DATE}.
     *
     * @return a copy of this rule with it
     */
    public FaultRule missingDate() {
        return fault(Fault.MISSING_DATE, 0, Duration.ZERO, null);
    }

    /**
     * See {@link Fault#AMBIGUOUS_WRITE}.
     *
     * @return a copy of this rule with it
     */
    public FaultRule ambiguousWrite() {
        return fault(Fault.AMBIGUOUS_WRITE, 0, Duration.ZERO, null);
    }

    /**
     * See {@link Fault#EMPTY_BODY}.
     *
     * @return a copy of this rule with it
     */
    public FaultRule emptyBody() {
        return fault(Fault.EMPTY_BODY, 0, Duration.ZERO, null);
    }

    /**
     * @return the HTTP method the rule matches, upper case, or {@code "*"}
     */
    public String method() {
        return method;
    }

    /**
     * @return the path pattern the rule matches
     */
    public String pathPattern() {
        return pathPattern;
    }

    /**
     * @return when the rule fires
     */
    public Trigger trigger() {
        return trigger;
    }

    /** {@return the count of {@link Trigger#NTH}, {@link Trigger#TIMES} or {@link Trigger#AFTER}} */
    public long count() {
        return n;
    }

    /**
     * @return the probability of {@link Trigger#PROBABILITY}, else 0
     */
    public double probability() {
        return probability;
    }

    /**
     * @return the generator seed of {@link Trigger#PROBABILITY}, else 0
     */
    public long seed() {
        return seed;
    }

    /**
     * @return what the rule does
     */
    public Fault fault() {
        return fault;
    }

    /** {@return the status of {@link Fault#STATUS} (302 for a redirect)} */
    public int status() {
        return status;
    }

    /**
     * @return the wait of {@link Fault#DELAY}, else zero
     */
    public Duration delay() {
        return delay;
    }

    /** {@return the URL of {@link Fault#REDIRECT} or the origin of {@link Fault#FOREIGN_NEXT_LINK}, else null} */
    public String url() {
        return url;
    }

    /**
     * Whether this rule's method and pattern match a request (path decoded, without query).
     *
     * @param requestMethod the request's method
     * @param path          the decoded path, without the query
     * @return whether the rule applies to the request
     */
    public boolean matches(String requestMethod, String path) {
        if (!method.equals("*") && !method.equalsIgnoreCase(requestMethod)) {
            return false;
        }
        String[] p = pathPattern.split("/", -1);
        String[] s = path.split("/", -1);
        for (int i = 0; i < p.length; i++) {
            if (p[i].equals("**") && i == p.length - 1) {
                return s.length >= p.length - 1;
            }
            if (i >= s.length) {
                return false;
            }
            if (!p[i].equals("*") && !p[i].equals(s[i])) {
                return false;
            }
            if (p[i].equals("*") && s[i].isEmpty()) {
                return false;
            }
        }
        return p.length == s.length;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static void requirePositive(long v, String name) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1: " + v);
        }
    }

    @Override
    public String toString() {
        return "FaultRule[" + method + " " + pathPattern + " " + trigger
                + (trigger == Trigger.ALWAYS ? "" : "(" + (trigger == Trigger.PROBABILITY ? probability : n) + ")")
                + " -> " + fault + (fault == Fault.STATUS ? " " + status : "") + "]";
    }
}
