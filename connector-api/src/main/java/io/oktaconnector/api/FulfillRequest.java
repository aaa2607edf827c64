package io.oktaconnector.api;

import java.util.List;
import java.util.Objects;

/**
 * The orders a {@link Fulfiller} should apply.
 *
 * @param orders   the orders; orders for one resource are applied in this order; never {@code null}
 * @param mode     {@link FulfillMode#APPLY}, or {@link FulfillMode#DRY_RUN} to plan only; never {@code null}
 * @param listener told of each result as soon as its order ends (a host's journal), never {@code null}
 * @param mapping  resolves the orders' entity types and property identifiers (e.g. {@code profile_city}); never
 *                 {@code null} ({@link EntityMapping#DEFAULTS}: the connector's own entity types, target paths only)
 * @since 0.1
 */
public record FulfillRequest(List<ProvisioningOrder> orders, FulfillMode mode, ProgressListener listener,
                             EntityMapping mapping) {
    /**
     * Checks the components (see the type's description).
     *
     * @param orders   the orders; orders for one resource are applied in this order; never {@code null}
     * @param mode     {@link FulfillMode#APPLY}, or {@link FulfillMode#DRY_RUN} to plan only; never {@code null}
     * @param listener told of each result as soon as its order ends (a host's journal), never {@code null}
     * @param mapping  resolves entity types and property identifiers, never {@code null}
     */
    public FulfillRequest {
        orders = List.copyOf(Objects.requireNonNull(orders, "orders == null"));
        Objects.requireNonNull(mode, "mode == null");
        Objects.requireNonNull(listener, "listener == null");
        Objects.requireNonNull(mapping, "mapping == null");
    }

    /**
     * The request with the default mapping ({@link EntityMapping#DEFAULTS}).
     *
     * @param orders   the orders; orders for one resource are applied in this order; never {@code null}
     * @param mode     {@link FulfillMode#APPLY}, or {@link FulfillMode#DRY_RUN} to plan only; never {@code null}
     * @param listener told of each result as soon as its order ends (a host's journal), never {@code null}
     */
    public FulfillRequest(List<ProvisioningOrder> orders, FulfillMode mode, ProgressListener listener) {
        this(orders, mode, listener, EntityMapping.DEFAULTS);
    }

    /**
     * The request with a flag instead of a {@link FulfillMode}.
     *
     * @param orders   the orders, never {@code null}
     * @param dryRun   plan only: no write reaches the target
     * @param listener told of each result, never {@code null}
     * @deprecated a {@code boolean} does not say what it means at the call site: use
     *             {@link #FulfillRequest(List, FulfillMode, ProgressListener)}
     */
    @Deprecated(since = "0.1")
    public FulfillRequest(List<ProvisioningOrder> orders, boolean dryRun, ProgressListener listener) {
        this(orders, FulfillMode.of(dryRun), listener);
    }

    /**
     * @param orders the orders
     * @return a request that applies them, with no listener
     */
    public static FulfillRequest of(List<ProvisioningOrder> orders) {
        return of(orders, FulfillMode.APPLY);
    }

    /**
     * @param orders the orders
     * @param mode   apply or plan only
     * @return a request in that mode, with no listener
     */
    public static FulfillRequest of(List<ProvisioningOrder> orders, FulfillMode mode) {
        return new FulfillRequest(orders, mode, ProgressListener.NONE);
    }

    /**
     * @param mapping the mapping the orders' entity types and property identifiers refer to, never {@code null}
     * @return this request with that mapping
     */
    public FulfillRequest withMapping(EntityMapping mapping) {
        return new FulfillRequest(orders, mode, listener, mapping);
    }

    /** {@return whether the request only plans ({@link FulfillMode#DRY_RUN})} */
    public boolean dryRun() {
        return mode.isDryRun();
    }
}
