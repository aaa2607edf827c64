package io.oktaconnector.okta.internal.http;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link CallPolicy} needs to know about the run a call belongs to.
 *
 * @param deadline the run's deadline ({@link Deadline#NONE} outside a run)
 * @param stats    the counters to add waits to (the connector's and the run's)
 */
public record CallScope(Deadline deadline, List<RequestStats> stats) {

    /** No deadline, no counters. */
    public static final CallScope NONE = new CallScope(Deadline.NONE, List.of());

    public CallScope {
        Objects.requireNonNull(deadline, "deadline == null");
        stats = List.copyOf(stats);
    }

    /** @param nanos a wait that was made, counted once */
    void waited(long nanos) {
        for (RequestStats s : stats) {
            s.waited(nanos);
        }
    }
}
