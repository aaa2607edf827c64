package io.oktaconnector.api;

/**
 * How an order ended, as written in the results file.
 *
 * @since 0.1
 */
public enum ProvisioningState {
    /** The target now matches the order. */
    Executed,
    /** The order was not (entirely) applied; the message says why. */
    Errored
}
