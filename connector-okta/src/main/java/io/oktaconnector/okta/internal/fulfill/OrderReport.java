package io.oktaconnector.okta.internal.fulfill;

import io.oktaconnector.api.ProvisioningState;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an order did, in order, and the remarks on it, for its result message: plain steps, and link tallies that fill
 * in while their links are sent (so a failure half-way still reports the links already changed). Not thread-safe.
 */
final class OrderReport {
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
    private final List<String> notes;

    /** @param notes the plan's remarks, first in the message */
    OrderReport(List<String> notes) {
        this.notes = new ArrayList<>(notes);
    }

    /** @param summary a step done, as "deactivated (was ACTIVE)" */
    void did(String summary) {
        entries.add(new Step(summary));
    }

    /** @param tally links being changed: reported with what it holds when the message is made */
    void track(Tally tally) {
        entries.add(tally);
    }

    /** @param tally a tally that changed nothing */
    void untrack(Tally tally) {
        entries.remove(tally);
    }

    /** @param remark something the result should say that is not a step done, as "status already ACTIVE" */
    void note(String remark) {
        notes.add(remark);
    }

    /**
     * @param state  the order's outcome
     * @param error  for {@code Errored}, what failed
     * @param dryRun nothing was sent
     * @return the result message, on one line
     */
    String message(ProvisioningState state, String error, boolean dryRun) {
        String summary = summary();
        String remarks = String.join("; ", notes);
        String message;
        if (state == ProvisioningState.Executed) {
            message = join(summary, remarks);
            if (dryRun) {
                message = "dry run, nothing sent: " + (message.isEmpty() ? "no change" : message);
            }
        } else {
            message = error + (summary.isEmpty() ? "" : " (done before the failure: " + summary + ")")
                    + (remarks.isEmpty() ? "" : " (" + remarks + ")");
        }
        return message.replaceAll("[\\r\\n]+", " ").strip();
    }

    /** @return the non-empty entries joined by "; ", or "" */
    private String summary() {
        List<String> parts = new ArrayList<>();
        entries.stream().map(Entry::summary).filter(d -> !d.isEmpty()).forEach(parts::add);
        return String.join("; ", parts);
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
    }
}
