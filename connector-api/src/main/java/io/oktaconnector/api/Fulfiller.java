package io.oktaconnector.api;

/**
 * Applies provisioning orders to the target.
 *
 * @since 0.1
 */
public interface Fulfiller {

    /**
     * Applies the orders. Every order gets exactly one result, {@code Executed} or {@code Errored}: a failure of one
     * order never stops the others. Blocks until every order has ended.
     *
     * @param request the orders, never {@code null}
     * @return one result per order, in the orders' order; never {@code null}
     * @throws ConnectorException only when the run as a whole cannot proceed (refused credentials, a passed deadline);
     *                            results already reported to the listener stand
     */
    FulfillSummary fulfill(FulfillRequest request);
}
