package io.oktaconnector.simulator;

import io.oktaconnector.simulator.internal.FaultEngine;

/** A rule added to {@link Faults}: how often it matched and fired, and a way to take it out again. */
public final class FaultHandle {
    private final FaultEngine engine;
    private final FaultEngine.Entry entry;

    FaultHandle(FaultEngine engine, FaultEngine.Entry entry) {
        this.engine = engine;
        this.entry = entry;
    }

    /**
     * @return the rule
     */
    public FaultRule rule() {
        return entry.rule();
    }

    /** {@return requests whose method and path matched the rule so far} */
    public long matches() {
        return entry.matches();
    }

    /** {@return requests the fault was applied to so far} */
    public long hits() {
        return entry.hits();
    }

    /** Takes the rule out; requests already in flight may still see it. */
    public void remove() {
        engine.remove(entry);
    }
}
