package io.oktaconnector.okta.internal.http;

/**
 * Okta's per-minute rate-limit buckets, as far as this connector's calls go (Workforce defaults in comments). Used to
 * count requests and, by the request governor, to pace them.
 */
public enum Bucket {
    /** {@code /api/v1/users} list and create, and everything under a user (600 / 2,000 per minute). */
    USERS,
    /** {@code /api/v1/groups} list and create (500). */
    GROUPS,
    /** {@code /api/v1/groups/{id}} and below: members, group apps (1,000). */
    GROUP_BY_ID,
    /** {@code /api/v1/apps} and everything below it: one shared bucket (100). */
    APPS,
    /** Everything else, e.g. {@code /api/v1/meta/schemas} (1,200). */
    OTHER;

    /**
     * @param method the HTTP method
     * @param path   the request path, without query
     * @return the bucket
     */
    public static Bucket of(String method, String path) {
        String p = path.startsWith("/api/v1/") ? path.substring("/api/v1/".length()) : path;
        int slash = p.indexOf('/');
        String head = slash < 0 ? p : p.substring(0, slash);
        boolean below = slash >= 0 && slash < p.length() - 1;
        return switch (head) {
            case "users" -> USERS;
            case "groups" -> below ? GROUP_BY_ID : GROUPS;
            case "apps" -> APPS;
            default -> OTHER;
        };
    }
}
