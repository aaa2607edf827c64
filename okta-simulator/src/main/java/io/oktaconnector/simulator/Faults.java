package io.oktaconnector.simulator;

import io.oktaconnector.simulator.internal.FaultEngine;

import java.util.Objects;

/** The runtime switch for fault injection: rules can be added and removed while the simulator serves. */
public final class Faults {
    private final FaultEngine engine;

    Faults(FaultEngine engine) {
        this.engine = engine;
    }

    /**
     * Adds a rule; it applies to requests that arrive from now on.
     *
     * @param rule the rule, never {@code null}
     * @return a handle that counts its matches and hits and removes it again
     */
    public FaultHandle add(FaultRule rule) {
        Objects.requireNonNull(rule, "rule");
        return new FaultHandle(engine, engine.add(rule));
    }

    /** Removes every rule. */
    public void clear() {
        engine.clear();
    }
}
