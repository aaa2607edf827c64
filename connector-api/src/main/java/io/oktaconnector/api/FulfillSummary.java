package io.oktaconnector.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a fulfill run: exactly one result per order, in the orders' order.
 *
 * @param results  one per order, never {@code null}
 * @param plan     the operations planned (a dry run) or sent, never {@code null}
 * @param requests HTTP requests sent to the target, retries included
 * @param elapsed  wall time, never {@code null}
 * @since 0.1
 */
public record FulfillSummary(List<FulfillResult> results, List<PlannedCall> plan, long requests, Duration elapsed) {
    /**
     * Checks the components (see the type's description).
     *
     * @param results  one per order, never {@code null}
     * @param plan     the operations planned (a dry run) or sent, never {@code null}
     * @param requests HTTP requests sent to the target, retries included
     * @param elapsed  wall time, never {@code null}
     */
    public FulfillSummary {
        results = List.copyOf(Objects.requireNonNull(results, "results == null"));
        plan = List.copyOf(Objects.requireNonNull(plan, "plan == null"));
        Objects.requireNonNull(elapsed, "elapsed == null");
    }

    /** @return how many orders ended {@code Errored} */
    public long errored() {
        return results.stream().filter(r -> !r.executed()).count();
    }
}
