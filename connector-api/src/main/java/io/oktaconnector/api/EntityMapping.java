package io.oktaconnector.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The host's entity mapping: which tables to export with which columns. A table the mapping does not name keeps the
 * connector's default columns.
 *
 * @param tables the mapped tables, names unique; never {@code null}, may be empty (all defaults)
 * @since 0.1
 */
public record EntityMapping(List<TableMapping> tables) {
    /** A mapping that names no table: every table has its default columns. */
    public static final EntityMapping DEFAULTS = new EntityMapping(List.of());

    /**
     * Checks the components (see the type's description).
     *
     * @param tables the mapped tables, names unique; never {@code null}, may be empty (all defaults)
     */
    public EntityMapping {
        tables = List.copyOf(Objects.requireNonNull(tables, "tables == null"));
        Map<String, TableMapping> seen = new LinkedHashMap<>();
        for (TableMapping t : tables) {
            if (seen.putIfAbsent(t.table(), t) != null) {
                throw new IllegalArgumentException("table " + t.table() + " is mapped twice");
            }
        }
    }

    /**
     * @param table a table name
     * @return the table's mapping, or empty when the table keeps its default columns
     */
    public Optional<TableMapping> table(String table) {
        return tables.stream().filter(t -> t.table().equals(table)).findFirst();
    }

    /**
     * @param entityType a host entity type identifier, e.g. {@code User}
     * @return the table that feeds this entity type, if the mapping names one
     */
    public Optional<TableMapping> forEntityType(String entityType) {
        return tables.stream().filter(t -> t.entityType().equals(entityType)).findFirst();
    }
}
