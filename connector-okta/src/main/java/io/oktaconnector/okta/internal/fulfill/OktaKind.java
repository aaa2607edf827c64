package io.oktaconnector.okta.internal.fulfill;

import io.oktaconnector.okta.OktaTable;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The three kinds of Okta object an order can change: the {@link OktaTable}s that hold objects (not links), with
 * everything else read from the table.
 */
public enum OktaKind {
    USER(OktaTable.USERS),
    GROUP(OktaTable.GROUPS),
    APP(OktaTable.APPS);

    private final OktaTable table;

    OktaKind(OktaTable table) {
        this.table = table;
    }

    /** @return the export table of this kind */
    public OktaTable table() {
        return table;
    }

    /** @return the entity type name used when no mapping names one, e.g. {@code User} */
    public String defaultEntityType() {
        return table.defaultEntityType();
    }

    /** @return the navigations an order may change on this kind, canonical spelling */
    public List<String> navigations() {
        return table.navigations();
    }

    /**
     * @param navigation a navigation name as written in an order, any case
     * @return the canonical spelling, or empty when this kind has no such navigation
     */
    public Optional<String> navigation(String navigation) {
        return navigations().stream().filter(n -> n.equalsIgnoreCase(navigation)).findFirst();
    }

    /**
     * @param table a mapping table name, e.g. {@code OktaExportFulfillment_users}
     * @return the kind whose export table this is; empty for the link tables and unknown names
     */
    static Optional<OktaKind> ofTable(String table) {
        return OktaTable.ofTableName(table).flatMap(t -> {
            for (OktaKind k : values()) {
                if (k.table() == t) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        });
    }

    /** @return the word used in messages */
    public String label() {
        return defaultEntityType().toLowerCase(Locale.ROOT);
    }
}
