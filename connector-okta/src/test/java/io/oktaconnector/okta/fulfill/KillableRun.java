package io.oktaconnector.okta.fulfill;

import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.okta.internal.fulfill.FulfillEngine;
import io.oktaconnector.okta.internal.fulfill.FulfillOptions;
import io.oktaconnector.okta.internal.fulfill.FulfillRun;

import java.nio.file.Path;

/** The child JVM of the crash test: fulfills an orders folder against a simulator until it is killed. */
public final class KillableRun {
    private KillableRun() {
    }

    /** @param args simulator URL, token, orders folder, results file */
    public static void main(String[] args) {
        SimWire wire = new SimWire(args[0], args[1]);
        FulfillOptions options = FulfillOptions.DEFAULTS.withConcurrency(3);
        new FulfillRun(new FulfillEngine(wire, EntityMapping.DEFAULTS, options), options, EntityMapping.DEFAULTS,
                wire.requests::get).run(Path.of(args[2]), Path.of(args[3]), false, ProgressListener.NONE);
    }
}
