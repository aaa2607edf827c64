package io.oktaconnector.api;

import java.util.Objects;

/**
 * One provisioning order from the host: change one resource of one entity type.
 *
 * @param assignmentId the host's id for the order ({@code AssignedResourceTypeId}), echoed in the result; never
 *                     {@code null}
 * @param entityType   the host entity type ({@code ResourceType.TargetEntityType.Identifier}), e.g. {@code User};
 *                     never {@code null}
 * @param change       what to do, never {@code null}
 * @since 0.1
 */
public record ProvisioningOrder(String assignmentId, String entityType, OrderChange change) {
    /**
     * Checks the components (see the type's description).
     *
     * @param assignmentId the host's id for the order ({@code AssignedResourceTypeId}), echoed in the result; never
     *                     {@code null}
     * @param entityType   the host entity type ({@code ResourceType.TargetEntityType.Identifier}), e.g. {@code User};
     *                     never {@code null}
     * @param change       what to do, never {@code null}
     */
    public ProvisioningOrder {
        Objects.requireNonNull(assignmentId, "assignmentId == null");
        Objects.requireNonNull(entityType, "entityType == null");
        Objects.requireNonNull(change, "change == null");
    }
}
