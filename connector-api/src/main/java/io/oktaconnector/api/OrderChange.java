package io.oktaconnector.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an order asks for. Sealed: {@link Added}, {@link Modified} or {@link Deleted}, so a {@code switch} covers
 * every case and a modification or deletion cannot lack its resource id.
 *
 * <p>Attribute keys are target paths ({@code profile.city}) or host property identifiers ({@code profile_city});
 * their order is kept.
 *
 * @since 0.1
 */
public sealed interface OrderChange {

    /** @return the host's change kind */
    ChangeType type();

    /**
     * Create a resource.
     *
     * @param attributes the attributes to set, never {@code null}
     * @param links      links to create with it, never {@code null}
     */
    record Added(Map<String, AttributeValue> attributes, List<LinkChange> links) implements OrderChange {
        /**
         * Checks the components (see the type's description).
         *
         * @param attributes the attributes to set, never {@code null}
         * @param links      links to create with it, never {@code null}
         */
        public Added {
            attributes = copy(attributes);
            links = List.copyOf(Objects.requireNonNull(links, "links == null"));
        }

        @Override
        public ChangeType type() {
            return ChangeType.Added;
        }
    }

    /**
     * Change a resource.
     *
     * @param resourceId the target's id of the resource, never {@code null} or blank
     * @param attributes the attributes to change ({@link AttributeValue#NULL} clears one), never {@code null}
     * @param links      links to add or remove, never {@code null}
     */
    record Modified(String resourceId, Map<String, AttributeValue> attributes, List<LinkChange> links) implements OrderChange {
        /**
         * Checks the components (see the type's description).
         *
         * @param resourceId the target's id of the resource, never {@code null} or blank
         * @param attributes the attributes to change ({@link AttributeValue#NULL} clears one), never {@code null}
         * @param links      links to add or remove, never {@code null}
         */
        public Modified {
            requireId(resourceId);
            attributes = copy(attributes);
            links = List.copyOf(Objects.requireNonNull(links, "links == null"));
        }

        @Override
        public ChangeType type() {
            return ChangeType.Modified;
        }
    }

    /**
     * Delete a resource.
     *
     * @param resourceId the target's id of the resource, never {@code null} or blank
     */
    record Deleted(String resourceId) implements OrderChange {
        /**
         * Checks the components (see the type's description).
         *
         * @param resourceId the target's id of the resource, never {@code null} or blank
         */
        public Deleted {
            requireId(resourceId);
        }

        @Override
        public ChangeType type() {
            return ChangeType.Deleted;
        }
    }

    private static Map<String, AttributeValue> copy(Map<String, AttributeValue> attributes) {
        Objects.requireNonNull(attributes, "attributes == null");
        Map<String, AttributeValue> copy = new LinkedHashMap<>();
        attributes.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "attribute key == null"),
                Objects.requireNonNull(v, "attribute value == null (use AttributeValue.NULL)")));
        return Collections.unmodifiableMap(copy);
    }

    private static void requireId(String resourceId) {
        Objects.requireNonNull(resourceId, "resourceId == null");
        if (resourceId.isBlank()) {
            throw new IllegalArgumentException("resourceId is blank");
        }
    }
}
