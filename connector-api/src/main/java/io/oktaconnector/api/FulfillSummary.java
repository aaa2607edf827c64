package io.oktaconnector.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a fulfill run: one result per order, in the orders' order, and the counts of all of them.
 *
 * <p>A run over orders files may keep only the first results in memory (a large folder writes every result to its
 * results file, which is where a host reads them): {@link #orderCount()} and {@link #errored()} always count every
 * order, and {@link #complete()} tells whether {@link #results()} holds them all.
 *
 * @param results    one per order, in the orders' order (the first {@code results.size()} of them when not
 *                   {@link #complete()}); never {@code null}
 * @param plan       the operations planned (a dry run) or sent by the orders in {@code results}, never {@code null}
 * @param requests   HTTP requests sent to the target, retries included
 * @param elapsed    wall time, never {@code null}
 * @param orderCount how many orders got a result, at least {@code results.size()}
 * @param errored    how many of them ended {@code Errored}, at most {@code orderCount}
 * @since 0.1
 */
public record FulfillSummary(List<FulfillResult> results, List<PlannedCall> plan, long requests, Duration elapsed,
                             long orderCount, long errored) {
    /**
     * Checks the components (see the type's description).
     *
     * @param results    one per order, in the orders' order, never {@code null}
     * @param plan       the operations planned (a dry run) or sent, never {@code null}
     * @param requests   HTTP requests sent to the target, retries included
     * @param elapsed    wall time, never {@code null}
     * @param orderCount how many orders got a result, at least {@code results.size()}
     * @param errored    how many of them ended {@code Errored}, at most {@code orderCount}
     */
    public FulfillSummary {
        results = List.copyOf(Objects.requireNonNull(results, "results == null"));
        plan = List.copyOf(Objects.requireNonNull(plan, "plan == null"));
        Objects.requireNonNull(elapsed, "elapsed == null");
        if (orderCount < results.size()) {
            throw new IllegalArgumentException("orderCount " + orderCount + " < " + results.size() + " results");
        }
        if (errored < 0 || errored > orderCount) {
            throw new IllegalArgumentException("errored " + errored + " is not within 0.." + orderCount);
        }
    }

    /**
     * A summary that holds every result: {@link #orderCount()} and {@link #errored()} are counted from them.
     *
     * @param results  one per order, never {@code null}
     * @param plan     the operations planned or sent, never {@code null}
     * @param requests HTTP requests sent to the target, retries included
     * @param elapsed  wall time, never {@code null}
     */
    public FulfillSummary(List<FulfillResult> results, List<PlannedCall> plan, long requests, Duration elapsed) {
        this(results, plan, requests, elapsed, Objects.requireNonNull(results, "results == null").size(),
                results.stream().filter(r -> !r.executed()).count());
    }

    /** @return whether {@link #results()} holds the result of every order the run counted */
    public boolean complete() {
        return results.size() == orderCount;
    }
}
