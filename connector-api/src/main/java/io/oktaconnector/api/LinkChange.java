package io.oktaconnector.api;

import java.util.List;
import java.util.Objects;

/**
 * Adds or removes links from the order's resource to other objects, e.g. {@code Groups_add: ["00g…"]} on a user.
 *
 * @param navigation the navigation property, e.g. {@code Groups}, {@code Users}, {@code Applications}; never
 *                   {@code null}
 * @param operation  add or remove, never {@code null}
 * @param targetIds  the target objects' ids, never {@code null}, no {@code null} element
 * @since 0.1
 */
public record LinkChange(String navigation, Operation operation, List<String> targetIds) {
    /** Whether links are added or removed. */
    public enum Operation {
        /** Create the links ({@code <Nav>_add}). */
        ADD,
        /** Remove the links ({@code <Nav>_remove}). */
        REMOVE
    }

    /**
     * Checks the components (see the type's description).
     *
     * @param navigation the navigation property, e.g. {@code Groups}, {@code Users}, {@code Applications}; never
     *                   {@code null}
     * @param operation  add or remove, never {@code null}
     * @param targetIds  the target objects' ids, never {@code null}, no {@code null} element
     */
    public LinkChange {
        Objects.requireNonNull(navigation, "navigation == null");
        Objects.requireNonNull(operation, "operation == null");
        targetIds = List.copyOf(Objects.requireNonNull(targetIds, "targetIds == null"));
    }
}
