package io.oktaconnector.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/** Every request the simulator answered (or dropped), in completion order. */
public final class RequestLog {
    private final ConcurrentLinkedQueue<RecordedRequest> entries = new ConcurrentLinkedQueue<>();

    RequestLog() {
    }

    void add(RecordedRequest r) {
        entries.add(r);
    }

    /** {@return a snapshot of all entries, in completion order} */
    public List<RecordedRequest> all() {
        return new ArrayList<>(entries);
    }

    /**
     * How many entries match.
     *
     * @param predicate which entries, never {@code null}
     * @return how many
     */
    public long count(Predicate<? super RecordedRequest> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return entries.stream().filter(predicate).count();
    }

    /**
     * Entries that match, in completion order.
     *
     * @param predicate which entries, never {@code null}
     * @return them
     */
    public List<RecordedRequest> matching(Predicate<? super RecordedRequest> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return entries.stream().filter(predicate).toList();
    }

    /**
     * @return how many entries the log holds
     */
    public int size() {
        return entries.size();
    }

    /**
     * Removes every entry.
     */
    public void clear() {
        entries.clear();
    }
}
