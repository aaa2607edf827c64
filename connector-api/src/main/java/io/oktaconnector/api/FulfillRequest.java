package io.oktaconnector.api;

import java.util.List;
import java.util.Objects;

/**
 * The orders a {@link Fulfiller} should apply.
 *
 * @param orders   the orders; orders for one resource are applied in this order; never {@code null}
 * @param dryRun   plan only: no write reaches the target
 * @param listener told of each result as soon as its order ends (a host's journal), never {@code null}
 * @since 0.1
 */
public record FulfillRequest(List<ProvisioningOrder> orders, boolean dryRun, ProgressListener listener) {
    /**
     * Checks the components (see the type's description).
     *
     * @param orders   the orders; orders for one resource are applied in this order; never {@code null}
     * @param dryRun   plan only: no write reaches the target
     * @param listener told of each result as soon as its order ends (a host's journal), never {@code null}
     */
    public FulfillRequest {
        orders = List.copyOf(Objects.requireNonNull(orders, "orders == null"));
        Objects.requireNonNull(listener, "listener == null");
    }

    /**
     * @param orders the orders
     * @return a request that applies them, with no listener
     */
    public static FulfillRequest of(List<ProvisioningOrder> orders) {
        return new FulfillRequest(orders, false, ProgressListener.NONE);
    }
}
