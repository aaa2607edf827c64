package io.oktaconnector.okta;

import java.util.Locale;
import java.util.Optional;

/**
 * The five tables an export writes, named {@code <connectionId>_<suffix>} ({@code OktaExportFulfillment_users}, …).
 *
 * @since 0.1
 */
public enum OktaTable {
    /** Every user, DEPROVISIONED included. */
    USERS("users", "User"),
    /** Every group, the BUILT_IN Everyone group included. */
    GROUPS("groups", "Group"),
    /** Every application. */
    APPS("apps", "Application"),
    /** Group memberships: {@code groupId,userId}. */
    GROUPSUSERS("groupsusers", "GroupUser"),
    /** Application-group assignments: {@code groupId,appId}. */
    GROUPSAPPS("groupsapps", "GroupApplication");

    private final String suffix;
    private final String defaultEntityType;

    OktaTable(String suffix, String defaultEntityType) {
        this.suffix = suffix;
        this.defaultEntityType = defaultEntityType;
    }

    /** @return the table name's suffix, e.g. {@code users} */
    public String suffix() {
        return suffix;
    }

    /** @return the entity type identifier used when a mapping names none (the seed's {@code User}, {@code Group}, …) */
    public String defaultEntityType() {
        return defaultEntityType;
    }

    /**
     * @param connectionId a valid connection identifier
     * @return the table name, e.g. {@code OktaExportFulfillment_users}
     */
    public String tableName(String connectionId) {
        return connectionId + "_" + suffix;
    }

    /**
     * @param suffix a table name suffix, compared ignoring case
     * @return the table, if the suffix names one
     */
    public static Optional<OktaTable> ofSuffix(String suffix) {
        for (OktaTable t : values()) {
            if (t.suffix.equals(suffix.toLowerCase(Locale.ROOT))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
