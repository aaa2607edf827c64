package io.oktaconnector.okta.internal.fulfill;

import io.oktaconnector.api.LinkChange;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** The links one step changed: prints as "added to groups a, b" in the result message. */
final class Tally implements OrderReport.Entry {
    /** The ids a message lists; an order may change thousands of links, and its message is one CSV field. */
    static final int LISTED = 20;

    private final String verb;
    private final String noun;
    private final Set<String> changed = new LinkedHashSet<>();
    private final Set<String> skipped = new LinkedHashSet<>();

    private Tally(String verb, String noun) {
        this.verb = verb;
        this.noun = noun;
    }

    /**
     * Adds or removes each link unless Okta already has it so, and notes what was skipped.
     *
     * @param current     the targets linked now
     * @param path        the link's path for a target
     * @param bodyOnAdd   an add sends an empty JSON object as its body (app assignments)
     * @param skipPrefix  how the note on skipped targets starts; ending in ": " it names no noun
     */
    static void apply(OrderRun r, String verb, String noun, LinkChange.Operation op, Set<String> current,
                      List<String> targets, UnaryOperator<String> path, boolean bodyOnAdd, String skipPrefix) {
        apply(r, verb, noun, op, current, targets, path, bodyOnAdd, skipPrefix, (target, known) -> { });
    }

    /**
     * As above, telling {@code observer} about every link write sent.
     *
     * @param observer told after each write: {@code known} is {@code false} when the write failed (it may or may not
     *                 have been applied)
     */
    static void apply(OrderRun r, String verb, String noun, LinkChange.Operation op, Set<String> current,
                      List<String> targets, UnaryOperator<String> path, boolean bodyOnAdd, String skipPrefix,
                      Observer observer) {
        Tally tally = new Tally(verb, noun);
        r.report().track(tally);
        for (String target : targets) {
            boolean sent = false;
            try {
                sent = tally.link(r, op, current.contains(target), target, path.apply(target),
                        bodyOnAdd && op == LinkChange.Operation.ADD ? JsonBody.of(Json.object()) : null);
            } catch (RuntimeException e) {
                observer.wrote(target, false);
                throw e;
            }
            if (sent) {
                observer.wrote(target, true);
            }
        }
        tally.notes(r, skipPrefix);
    }

    /** Told about each link write of a step. */
    @FunctionalInterface
    interface Observer {
        /**
         * @param target the link's target
         * @param known  the write was answered (Okta has the link as requested), or {@code false} when it failed
         */
        void wrote(String target, boolean known);
    }

    /** @return whether a write was sent and answered */
    private boolean link(OrderRun r, LinkChange.Operation op, boolean exists, String target, String path,
                         JsonBody body) {
        if (op == LinkChange.Operation.ADD) {
            if (exists) {
                skipped.add(target);
                return false;
            }
            r.wire().send("PUT", path, Map.of(), body);
            changed.add(target);
            return true;
        }
        if (!exists) {
            skipped.add(target);
            return false;
        }
        if (r.sendUnlessGone("DELETE", path, Map.of(), null)) {
            changed.add(target);
        } else {
            skipped.add(target);
        }
        return true; // a 404 also tells the state: not linked
    }

    private void notes(OrderRun r, String prefix) {
        if (!skipped.isEmpty()) {
            r.report().note(prefix + (prefix.endsWith(": ") ? "" : noun + (skipped.size() > 1 ? "s " : " "))
                    + list(skipped) + " (nothing to do)");
        }
        if (changed.isEmpty()) {
            r.report().untrack(this);
        }
    }

    @Override
    public String summary() {
        return changed.isEmpty() ? "" : verb + noun + (changed.size() > 1 ? "s " : " ") + list(changed);
    }

    /** @return the first {@link #LISTED} ids, and how many more there are */
    static String list(Set<String> ids) {
        if (ids.size() <= LISTED) {
            return String.join(", ", ids);
        }
        return String.join(", ", ids.stream().limit(LISTED).toList()) + " and " + (ids.size() - LISTED) + " more";
    }

    @Override
    public String toString() {
        return summary();
    }
}
