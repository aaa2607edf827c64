package io.oktaconnector.okta;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The five tables an export writes, named {@code <connectionId>_<suffix>} ({@code OktaExportFulfillment_users}, …).
 *
 * @since 0.1
 */
public enum OktaTable {
    /** Every user, DEPROVISIONED included. */
    USERS("users", "User", List.of("Groups"), List.of("id", "status", "created", "activated", "statusChanged",
            "lastLogin", "lastUpdated", "passwordChanged", "type.id")),
    /** Every group, the BUILT_IN Everyone group included. */
    GROUPS("groups", "Group", List.of("Users", "Applications"), List.of("id", "created", "lastUpdated",
            "lastMembershipUpdated", "type", "profile.name", "profile.description")),
    /** Every application. */
    APPS("apps", "Application", List.of("Groups"), List.of("id", "created", "lastUpdated", "status", "name",
            "label", "signOnMode")),
    /** Group memberships: {@code groupId,userId}. */
    GROUPSUSERS("groupsusers", "GroupUser", List.of(), List.of("groupId", "userId")),
    /** Application-group assignments: {@code groupId,appId}. */
    GROUPSAPPS("groupsapps", "GroupApplication", List.of(), List.of("groupId", "appId"));

    private final String suffix;
    private final String defaultEntityType;
    private final List<String> navigations;
    private final List<String> defaultColumns;

    OktaTable(String suffix, String defaultEntityType, List<String> navigations, List<String> defaultColumns) {
        this.suffix = suffix;
        this.defaultEntityType = defaultEntityType;
        this.navigations = navigations;
        this.defaultColumns = defaultColumns;
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
     * The links a fulfill order may change on this table's objects, as {@code <Navigation>_add} and
     * {@code <Navigation>_remove} keys: {@code Groups} on a user, {@code Users} and {@code Applications} on a group,
     * {@code Groups} on an application; none on the two link tables.
     *
     * @return the navigations, canonical spelling, never {@code null}
     * @since 0.1
     */
    public List<String> navigations() {
        return navigations;
    }

    /**
     * The columns an export writes when the mapping does not name this table, in order. The users table then adds
     * {@code profile.<attr>} for every attribute of the org's user schema (base attributes in schema order, then
     * custom ones), the groups table the custom attributes of the group schema.
     *
     * @return the fixed default columns (Okta paths), never {@code null}
     * @since 0.1
     */
    public List<String> defaultColumns() {
        return defaultColumns;
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

    /**
     * @param tableName a table name of any connection, e.g. {@code OktaExportFulfillment_users}, compared ignoring case
     * @return the table whose {@code _<suffix>} ends the name, if one does
     * @since 0.1
     */
    public static Optional<OktaTable> ofTableName(String tableName) {
        String t = tableName.toLowerCase(Locale.ROOT);
        for (OktaTable table : values()) {
            // "_groupsusers" does not end with "_users": the character before "users" is an "s", not "_"
            if (t.endsWith("_" + table.suffix)) {
                return Optional.of(table);
            }
        }
        return Optional.empty();
    }
}
