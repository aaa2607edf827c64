package io.oktaconnector.okta.internal.fulfill;

import io.oktaconnector.api.ProvisioningOrder;

import java.util.List;
import java.util.Objects;

/**
 * What one order will do.
 *
 * @param order      the order
 * @param kind       the Okta kind it changes
 * @param resourceId the Okta id it changes; {@code null} for an {@code Added} order
 * @param operations the steps in order; empty when there is nothing to change
 * @param notes      remarks for the result message (e.g. ignored read-only attributes)
 */
public record OrderPlan(ProvisioningOrder order, OktaKind kind, String resourceId, List<Operation> operations,
                        List<String> notes) {
    public OrderPlan {
        Objects.requireNonNull(order, "order == null");
        Objects.requireNonNull(kind, "kind == null");
        operations = List.copyOf(operations);
        notes = List.copyOf(notes);
    }
}
