package io.oktaconnector.api;

import java.util.Objects;

/**
 * One column of an exported table.
 *
 * @param header   the header written in the file, exactly as the mapping gives it; never {@code null} or blank
 * @param path     the dotted path into the target's object that gives the value, e.g. {@code profile.city}; never
 *                 {@code null} or blank
 * @param property the host's property identifier for the column (e.g. {@code profile_city}), used to read
 *                 fulfill changes; never {@code null} (defaults to the path where a host does not name one)
 * @since 0.1
 */
public record ColumnMapping(String header, String path, String property) {
    /**
     * Checks the components (see the type's description).
     *
     * @param header   the header written in the file, exactly as the mapping gives it; never {@code null} or blank
     * @param path     the dotted path into the target's object that gives the value, e.g. {@code profile.city}; never
     *                 {@code null} or blank
     * @param property the host's property identifier for the column (e.g. {@code profile_city}), used to read fulfill
     *                 changes; never {@code null} (defaults to the path where a host does not name one)
     */
    public ColumnMapping {
        Objects.requireNonNull(header, "header == null");
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(property, "property == null");
        if (header.isBlank()) {
            throw new IllegalArgumentException("header is blank");
        }
        if (path.isBlank()) {
            throw new IllegalArgumentException("path is blank");
        }
    }

    /**
     * A column whose header is its path, as in the default tables.
     *
     * @param path the dotted path, never {@code null} or blank
     * @return the column
     */
    public static ColumnMapping of(String path) {
        return new ColumnMapping(path, path, path);
    }
}
