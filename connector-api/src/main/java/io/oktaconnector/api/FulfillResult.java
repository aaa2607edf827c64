package io.oktaconnector.api;

import java.util.Objects;

/**
 * The one result of one order: a row of the results file.
 *
 * @param assignmentId the order's {@code AssignedResourceTypeId}, never {@code null}
 * @param state        {@code Executed} or {@code Errored}, never {@code null}
 * @param message      what happened, for a person (the target's error summary, causes and request id when
 *                     {@code Errored}; a note when an idempotent change found nothing to do); never {@code null},
 *                     may be empty, never a secret
 * @param changeType   the order's change kind; {@code null} only when the order was too malformed to have one
 * @param resourceId   the target's id of the resource (the new one for {@code Added}); {@code null} when unknown
 * @since 0.1
 */
public record FulfillResult(String assignmentId, ProvisioningState state, String message, ChangeType changeType,
                            String resourceId) {
    /**
     * Checks the components (see the type's description).
     *
     * @param assignmentId the order's {@code AssignedResourceTypeId}, never {@code null}
     * @param state        {@code Executed} or {@code Errored}, never {@code null}
     * @param message      what happened, for a person (the target's error summary, causes and request id when {@code
     *                     Errored}; a note when an idempotent change found nothing to do); never {@code null}, may be
     *                     empty, never a secret
     * @param changeType   the order's change kind; {@code null} only when the order was too malformed to have one
     * @param resourceId   the target's id of the resource (the new one for {@code Added}); {@code null} when unknown
     */
    public FulfillResult {
        Objects.requireNonNull(assignmentId, "assignmentId == null");
        Objects.requireNonNull(state, "state == null");
        Objects.requireNonNull(message, "message == null");
    }

    /** @return whether the order was applied */
    public boolean executed() {
        return state == ProvisioningState.Executed;
    }
}
