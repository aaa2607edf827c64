package io.oktaconnector.benchmarks.internal;

import java.util.Locale;

/**
 * A resolved scenario: the org to seed, the conditions, what to run.
 *
 * @param name           S, M, L, noisy, 1M, cpu, fulfill, smoke
 * @param kind           what is measured
 * @param users          users (DEPROVISIONED included)
 * @param groups         groups (Everyone included)
 * @param apps           apps
 * @param conditions     limits and latency
 * @param baseline       whether the SDK baseline runs too
 * @param neighbourShare the share of the token budget a noisy neighbour takes (0: none)
 * @param simHeap        the simulator JVM's -Xmx
 */
record Scenario(String name, Kind kind, int users, int groups, int apps, Conditions conditions, boolean baseline,
                double neighbourShare, String simHeap) {

    enum Kind { EXPORT, CPU, FULFILL }

    static Scenario of(Options o) {
        String n = o.scenario().toLowerCase(Locale.ROOT);
        Scenario s = switch (n) {
            case "s" -> new Scenario("S", Kind.EXPORT, 1_000, 50, 10, Conditions.pinned(), true, 0, "1g");
            case "m" -> new Scenario("M", Kind.EXPORT, 20_000, 1_000, 100, Conditions.pinned(), true, 0, "1g");
            case "l" -> new Scenario("L", Kind.EXPORT, 100_000, 5_000, 300, Conditions.pinned(), true, 0, "2g");
            case "noisy" -> new Scenario("noisy", Kind.EXPORT, 20_000, 1_000, 100, Conditions.pinned(), true,
                    o.neighbourShare() == null ? 0.3 : o.neighbourShare(), "1g");
            case "1m" -> new Scenario("1M", Kind.EXPORT, 1_000_000, 100, 20, Conditions.fast(), false, 0, "3g");
            case "cpu" -> new Scenario("cpu", Kind.CPU, 20_000, 0, 0, Conditions.fast(), false, 0, "1g");
            case "fulfill" -> new Scenario("fulfill", Kind.FULFILL, 20_000, 1_000, 100, Conditions.pinned(), false, 0,
                    "1g");
            // CI's smoke run: S scaled down, no latency, limits on with 0.1-second windows
            case "smoke" -> new Scenario("smoke", Kind.EXPORT, 300, 20, 10,
                    new Conditions("workforce", 0.5, 75, 0, 0, 600), true, 0, "256m");
            default -> throw new IllegalArgumentException("unknown scenario " + o.scenario());
        };
        Conditions c = o.conditions() == null ? s.conditions()
                : o.conditions().equals("pinned") ? Conditions.pinned() : Conditions.fast();
        if (o.timeScale() != null) {
            c = c.withTimeScale(o.timeScale());
        }
        return new Scenario(s.name(), s.kind(), o.users() != null ? o.users() : s.users(),
                o.groups() != null ? o.groups() : s.groups(), o.apps() != null ? o.apps() : s.apps(), c,
                o.baseline() != null ? o.baseline() : s.baseline(), s.neighbourShare(), s.simHeap());
    }
}
