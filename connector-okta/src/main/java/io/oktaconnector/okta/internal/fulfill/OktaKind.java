package io.oktaconnector.okta.internal.fulfill;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The three kinds of Okta object an order can change, with the navigations (links) each one has. */
public enum OktaKind {
    USER("User", "_users", List.of("Groups")),
    GROUP("Group", "_groups", List.of("Users", "Applications")),
    APP("Application", "_apps", List.of("Groups"));

    private final String defaultEntityType;
    private final String tableSuffix;
    private final List<String> navigations;

    OktaKind(String defaultEntityType, String tableSuffix, List<String> navigations) {
        this.defaultEntityType = defaultEntityType;
        this.tableSuffix = tableSuffix;
        this.navigations = navigations;
    }

    /** @return the entity type name used when no mapping names one, e.g. {@code User} */
    public String defaultEntityType() {
        return defaultEntityType;
    }

    /** @return the navigations an order may change on this kind, canonical spelling */
    public List<String> navigations() {
        return navigations;
    }

    /**
     * @param navigation a navigation name as written in an order, any case
     * @return the canonical spelling, or empty when this kind has no such navigation
     */
    public Optional<String> navigation(String navigation) {
        return navigations.stream().filter(n -> n.equalsIgnoreCase(navigation)).findFirst();
    }

    /**
     * @param table a mapping table name, e.g. {@code OktaExportFulfillment_users}
     * @return the kind whose export table this is; empty for the link tables and unknown names
     */
    static Optional<OktaKind> ofTable(String table) {
        String t = table.toLowerCase(Locale.ROOT);
        for (OktaKind k : values()) {
            // "_groupsusers" does not end with "_users": the character before "users" is an "s", not "_"
            if (t.endsWith(k.tableSuffix)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** @return the word used in messages */
    public String label() {
        return defaultEntityType.toLowerCase(Locale.ROOT);
    }
}
