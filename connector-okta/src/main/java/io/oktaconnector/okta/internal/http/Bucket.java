package io.oktaconnector.okta.internal.http;

/**
 * Okta's per-minute management rate-limit buckets, as far as this connector's calls go: Okta picks a request's bucket
 * by method and path, exact match first, then the longest match (Workforce Identity defaults in comments; the real
 * numbers are learnt from each response's headers). Used to count requests and, by the {@link Governor}, to pace them.
 * The classification follows Okta's published table and the simulator's {@code RateLimitBucket} map.
 */
public enum Bucket {
    /** GET/POST {@code /api/v1/users}: list and create (600 per minute). */
    USERS(600),
    /** GET/POST {@code /api/v1/groups}: list and create (500). */
    GROUPS(500),
    /** {@code /api/v1/groups/{id}} only: get, replace, delete (1,000). */
    GROUP_BY_ID(1000),
    /** {@code /api/v1/apps} and everything below it (app groups, app users, lifecycle): one shared bucket (100). */
    APPS(100),
    /** Everything else, e.g. group members, a user's lifecycle, schemas (1,200). */
    OTHER(1200),
    /** GET {@code /api/v1/users/{idOrLogin}} (2,000). */
    USER_GET_BY_ID(2000),
    /** POST/PUT/DELETE {@code /api/v1/users/{id}} (600). */
    USER_WRITE_BY_ID(600),
    /** GET/PUT/DELETE {@code /api/v1/apps/{id}} (500). */
    APP_BY_ID(500),
    /** {@code /api/v1/logs} (120). */
    LOGS(120);

    private final int workforceLimit;

    Bucket(int workforceLimit) {
        this.workforceLimit = workforceLimit;
    }

    /**
     * @return Okta's default per-minute limit of this bucket for a Workforce Identity org, before the per-token share;
     *         only a prior: the governor paces by the limits the org reports
     */
    public int workforceLimit() {
        return workforceLimit;
    }

    /**
     * @param method the HTTP method, any case
     * @param path   the request path, without query
     * @return the bucket
     */
    public static Bucket of(String method, String path) {
        if (!path.startsWith("/api/v1/")) {
            return OTHER;
        }
        String[] s = path.substring("/api/v1/".length()).split("/", -1);
        int n = s.length;
        // a trailing slash names the same resource
        if (n > 1 && s[n - 1].isEmpty()) {
            n--;
        }
        String m = method.toUpperCase(java.util.Locale.ROOT);
        boolean oneId = n == 2 && !s[1].isEmpty();
        switch (s[0]) {
            case "users":
                if (n == 1) {
                    return USERS;
                }
                if (oneId) {
                    return m.equals("GET") || m.equals("HEAD") ? USER_GET_BY_ID : USER_WRITE_BY_ID;
                }
                return OTHER;
            case "groups":
                if (n == 1) {
                    return GROUPS;
                }
                if (oneId && !s[1].equals("rules")) {
                    return GROUP_BY_ID;
                }
                return OTHER;
            case "apps":
                if (oneId && (m.equals("GET") || m.equals("HEAD") || m.equals("PUT") || m.equals("DELETE"))) {
                    return APP_BY_ID;
                }
                return APPS;
            case "logs":
                return LOGS;
            default:
                return OTHER;
        }
    }
}
