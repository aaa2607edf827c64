package io.oktaconnector.benchmarks.internal;

import io.oktaconnector.simulator.RateLimitBucket;
import io.oktaconnector.simulator.RateLimits;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The least time any complete export of a scenario can take under its conditions. Each term is a necessary condition,
 * so their maximum is a lower bound:
 * <ul>
 *   <li>requests: the fewest a complete export needs: every list at its endpoint's maximum page size
 *       ({@link #USERS_PAGE}, {@link #GROUPS_PAGE}, {@link #MEMBERS_PAGE}, {@link #APPS_PAGE}, {@link #LINKS_PAGE}),
 *       the two schema reads, a member list only for non-empty groups (known from {@code expand=stats}), and the
 *       application-group links from whichever side gives the smaller bound (each app's groups: one call per app
 *       in the apps bucket; or each group's apps: one call per group that has apps, in the other bucket);</li>
 *   <li>per bucket (the simulator's classification): with budget {@code B} per window (token limit × our share ×
 *       what a neighbour leaves us) and {@code R} requests, the last request cannot start before
 *       {@code (ceil(R / B) − 1)} windows have passed; it then takes one latency;</li>
 *   <li>concurrency: {@code ceil(R_total / C)} rounds of one latency each ({@code C} = the org's limit);</li>
 *   <li>the longest cursor chain that cannot be split: the groups page that names the largest group, then that
 *       group's member pages one after the other (a member list has no filter to partition it; the users list
 *       can be split by search ranges, so it is not counted as a chain).</li>
 * </ul>
 * Latency is the mean ({@code base + jitter / 2}).
 */
final class LowerBound {
    static final int USERS_PAGE = 200;
    /** Okta's spec maximum for groups (Okta advises 200; our connector uses 200: the difference is small). */
    static final int GROUPS_PAGE = 10_000;
    static final int MEMBERS_PAGE = 1000;
    static final int APPS_PAGE = 200;
    static final int LINKS_PAGE = 200;

    /** One side of the application-group links and the bound it gives. */
    record Side(String name, Map<RateLimitBucket, Long> requests, Map<String, Double> termsSeconds, double seconds) {
    }

    private final Side best;
    private final Side other;
    private final Map<RateLimitBucket, Long> budget;
    private final double ourShare;
    private final double neighbourShare;

    private LowerBound(Side best, Side other, Map<RateLimitBucket, Long> budget, double ourShare,
                       double neighbourShare) {
        this.best = best;
        this.other = other;
        this.budget = budget;
        this.ourShare = ourShare;
        this.neighbourShare = neighbourShare;
    }

    /**
     * @param truth          the org
     * @param conditions     limits and latency
     * @param ourShare       the share of the token's budget our connector lets itself use
     * @param neighbourShare the share of the token's budget another client takes during the run
     */
    static LowerBound of(OrgTruth truth, Conditions conditions, double ourShare, double neighbourShare) {
        RateLimits limits = conditions.rateLimits();
        Map<RateLimitBucket, Long> budget = new EnumMap<>(RateLimitBucket.class);
        for (RateLimitBucket b : RateLimitBucket.values()) {
            budget.put(b, Math.max(1L, (long) Math.floor(limits.tokenLimit(b) * ourShare * (1 - neighbourShare))));
        }
        long usersPages = pages(truth.users(), USERS_PAGE);
        long groupsPages = pages(truth.groups(), GROUPS_PAGE);
        long appsPages = pages(truth.apps(), APPS_PAGE);
        long memberCalls = 0;
        long maxMemberPages = 0;
        for (long m : truth.memberCounts()) {
            if (m > 0) {
                long p = (m + MEMBERS_PAGE - 1) / MEMBERS_PAGE;
                memberCalls += p;
                maxMemberPages = Math.max(maxMemberPages, p);
            }
        }
        long appSideCalls = 0;
        for (int k : truth.appGroupCounts()) {
            appSideCalls += pages(k, LINKS_PAGE);
        }
        long groupSideCalls = 0;
        for (int k : truth.groupAppCounts()) {
            if (k > 0) {
                groupSideCalls += (k + LINKS_PAGE - 1) / LINKS_PAGE;
            }
        }
        long chain = Math.max(1 + maxMemberPages, appsPages + 1);

        Map<RateLimitBucket, Long> base = new EnumMap<>(RateLimitBucket.class);
        base.put(RateLimitBucket.USERS, usersPages);
        base.put(RateLimitBucket.GROUPS, groupsPages);
        base.put(RateLimitBucket.APPS, appsPages);
        base.put(RateLimitBucket.OTHER, 2 + memberCalls); // + the user and group schemas

        Map<RateLimitBucket, Long> apps = new EnumMap<>(base);
        apps.merge(RateLimitBucket.APPS, appSideCalls, Long::sum);
        Map<RateLimitBucket, Long> groups = new EnumMap<>(base);
        groups.merge(RateLimitBucket.OTHER, groupSideCalls, Long::sum);

        Side a = side("apps side (/apps/{id}/groups)", apps, budget, conditions, chain);
        Side g = side("groups side (/groups/{id}/apps)", groups, budget, conditions, chain);
        return a.seconds() <= g.seconds() ? new LowerBound(a, g, budget, ourShare, neighbourShare)
                : new LowerBound(g, a, budget, ourShare, neighbourShare);
    }

    /** The bound of a fulfill run that makes {@code changes} single-request changes in one bucket. */
    static LowerBound ofWrites(long changes, RateLimitBucket bucket, Conditions conditions, double ourShare) {
        RateLimits limits = conditions.rateLimits();
        Map<RateLimitBucket, Long> budget = new EnumMap<>(RateLimitBucket.class);
        for (RateLimitBucket b : RateLimitBucket.values()) {
            budget.put(b, Math.max(1L, (long) Math.floor(limits.tokenLimit(b) * ourShare)));
        }
        Map<RateLimitBucket, Long> req = new EnumMap<>(RateLimitBucket.class);
        req.put(bucket, changes);
        Side s = side("one request per change", req, budget, conditions, 1);
        return new LowerBound(s, null, budget, ourShare, 0);
    }

    private static long pages(long items, int page) {
        return Math.max(1, (items + page - 1) / page);
    }

    private static Side side(String name, Map<RateLimitBucket, Long> requests, Map<RateLimitBucket, Long> budget,
                             Conditions c, long chain) {
        double lat = c.meanLatencyMs() / 1000.0;
        double window = c.rateLimits().windowMillis() / 1000.0;
        Map<String, Double> terms = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<RateLimitBucket, Long> e : requests.entrySet()) {
            long r = e.getValue();
            total += r;
            if (r > 0) {
                long windows = (r + budget.get(e.getKey()) - 1) / budget.get(e.getKey());
                terms.put("bucket " + e.getKey(), (windows - 1) * window + lat);
            }
        }
        int conc = c.concurrencyLimit();
        terms.put("concurrency", conc > 0 ? Math.ceil((double) total / conc) * lat : 0.0);
        terms.put("chain of " + chain, chain * lat);
        double max = terms.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return new Side(name, requests, terms, max);
    }

    double seconds() {
        return best.seconds();
    }

    long requests() {
        return best.requests().values().stream().mapToLong(Long::longValue).sum();
    }

    Side best() {
        return best;
    }

    /** @return a few lines explaining the bound */
    String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "lower bound %.1f s = max of %s%n", best.seconds(), fmt(best.termsSeconds())));
        sb.append(String.format(Locale.ROOT, "  fewest requests %d %s, links from the %s%n", requests(),
                best.requests(), best.name()));
        if (other != null) {
            sb.append(String.format(Locale.ROOT, "  (links from the %s would give %.1f s)%n", other.name(), other.seconds()));
        }
        sb.append(String.format(Locale.ROOT, "  budget per window used for the bound: %s (token limit x our share %.2f"
                + " x %.2f left by the neighbour)%n", budgetOf(best.requests().keySet()), ourShare, 1 - neighbourShare));
        return sb.toString();
    }

    private String budgetOf(java.util.Set<RateLimitBucket> buckets) {
        Map<RateLimitBucket, Long> m = new EnumMap<>(RateLimitBucket.class);
        buckets.forEach(b -> m.put(b, budget.get(b)));
        return m.toString();
    }

    private static String fmt(Map<String, Double> terms) {
        StringBuilder sb = new StringBuilder("{");
        terms.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(k).append(String.format(Locale.ROOT, " %.1f s", v));
        });
        return sb.append('}').toString();
    }
}
