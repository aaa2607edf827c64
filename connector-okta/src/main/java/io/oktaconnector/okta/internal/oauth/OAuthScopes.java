package io.oktaconnector.okta.internal.oauth;

import java.util.List;
import java.util.Set;

/**
 * The least-privilege OAuth scopes of each operation, used when the connection sets no {@code Scopes}. Okta's
 * {@code .manage} scopes include reading, so fulfill needs no read scope besides them.
 */
public final class OAuthScopes {
    /** Export: users (with their schema), groups, apps, memberships and assignments, read only. */
    public static final Set<String> EXPORT = Set.of("okta.users.read", "okta.groups.read", "okta.apps.read",
            "okta.schemas.read");
    /** Fulfill: create, change and delete users, groups, memberships and app assignments. */
    public static final Set<String> FULFILL = Set.of("okta.users.manage", "okta.groups.manage", "okta.apps.manage");

    private OAuthScopes() {
    }

    /**
     * @param configured the connection's {@code Scopes}, empty when not set
     * @param defaults   the operation's least-privilege scopes
     * @return {@code configured} when set, else {@code defaults}
     */
    public static Set<String> choose(List<String> configured, Set<String> defaults) {
        return configured == null || configured.isEmpty() ? defaults : Set.copyOf(configured);
    }
}
