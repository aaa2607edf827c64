package io.oktaconnector.okta.internal.fulfill;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an order did, in order, for its result message: plain steps, and link tallies that fill in while their links
 * are sent (so a failure half-way still reports the links already changed).
 */
final class StepLog {
    /** One entry; an empty summary is left out of the message. */
    sealed interface Entry permits Step, Tally {
        String summary();
    }

    /** A step described once it is done. */
    record Step(String summary) implements Entry {
        Step {
            Objects.requireNonNull(summary, "summary == null");
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    void add(String summary) {
        entries.add(new Step(summary));
    }

    void add(Tally tally) {
        entries.add(tally);
    }

    void remove(Tally tally) {
        entries.remove(tally);
    }

    /** @return the non-empty entries joined by "; ", or "" */
    String summary() {
        List<String> parts = new ArrayList<>();
        entries.stream().map(Entry::summary).filter(d -> !d.isEmpty()).forEach(parts::add);
        return String.join("; ", parts);
    }
}
