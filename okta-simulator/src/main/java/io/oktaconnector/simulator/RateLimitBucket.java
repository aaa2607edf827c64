package io.oktaconnector.simulator;

/**
 * Okta's per-minute management rate-limit buckets (longest match of method and path), as the
 * simulator assigns requests to them.
 */
public enum RateLimitBucket {
    /** {@code /api/v1/apps} and everything under it except by-id get/update/delete (Workforce 100). */
    APPS("/api/v1/apps"),
    /** GET/PUT/DELETE {@code /api/v1/apps/{id}} (Workforce 500). */
    APP_BY_ID("/api/v1/apps/{id}"),
    /** GET/POST {@code /api/v1/groups} (Workforce 500). */
    GROUPS("/api/v1/groups"),
    /** {@code /api/v1/groups/{id}} only (Workforce 1000). */
    GROUP_BY_ID("/api/v1/groups/{id}"),
    /** GET/POST {@code /api/v1/users} (Workforce 600). */
    USERS("/api/v1/users"),
    /** POST/PUT/DELETE {@code /api/v1/users/{id}} (Workforce 600). */
    USER_WRITE_BY_ID("POST|PUT|DELETE /api/v1/users/{id}"),
    /** GET {@code /api/v1/users/{idOrLogin}} (Workforce 2000). */
    USER_GET_BY_ID("GET /api/v1/users/{idOrLogin}"),
    /** {@code /api/v1/logs} (Workforce 120). */
    LOGS("/api/v1/logs"),
    /** Every other {@code /api/v1} path, e.g. group members, a user's groups, schemas (Workforce 1200). */
    OTHER("/api/v1/*"),
    /**
     * The org authorization server, {@code /oauth2/v1/*} except {@code /oauth2/v1/clients}, which holds the
     * token endpoint {@code /oauth2/v1/token}: an authentication bucket of its own, outside the management
     * buckets (Okta's authentication rate-limit table: Workforce 2000, Enterprise 1200, free developer 300).
     */
    ORG_AUTHORIZATION_SERVER("/oauth2/v1/*");

    private final String pattern;

    RateLimitBucket(String pattern) {
        this.pattern = pattern;
    }

    /** {@return the method and path pattern this bucket covers, as Okta's documentation writes it} */
    public String pattern() {
        return pattern;
    }
}
