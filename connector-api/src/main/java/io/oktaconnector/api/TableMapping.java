package io.oktaconnector.api;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The columns of one exported table, in output order, and the host entity type it feeds.
 *
 * @param table      the table name, e.g. {@code OktaExportFulfillment_users}; never {@code null}
 * @param entityType the host's entity type identifier, e.g. {@code User}; never {@code null}
 * @param columns    the columns in output order; never {@code null} or empty, headers unique (ignoring case)
 * @since 0.1
 */
public record TableMapping(String table, String entityType, List<ColumnMapping> columns) {
    /**
     * Checks the components (see the type's description).
     *
     * @param table      the table name, e.g. {@code OktaExportFulfillment_users}; never {@code null}
     * @param entityType the host's entity type identifier, e.g. {@code User}; never {@code null}
     * @param columns    the columns in output order; never {@code null} or empty, headers unique (ignoring case)
     */
    public TableMapping {
        Objects.requireNonNull(table, "table == null");
        Objects.requireNonNull(entityType, "entityType == null");
        columns = List.copyOf(Objects.requireNonNull(columns, "columns == null"));
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("table " + table + " has no column");
        }
        Set<String> headers = new HashSet<>();
        for (ColumnMapping c : columns) {
            if (!headers.add(c.header().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("table " + table + " has the column \"" + c.header() + "\" twice");
            }
        }
    }

    /** @return the headers in order */
    public List<String> headers() {
        return columns.stream().map(ColumnMapping::header).toList();
    }
}
