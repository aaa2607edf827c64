package io.oktaconnector.okta.internal.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The attempts of one run that are in flight, so that a run that fails stops them all at once: a request still
 * waiting for (or reading) its answer on another worker would otherwise hold its thread until its own timeout. Thread-
 * safe.
 */
final class InFlight {

    private final Set<AttemptLimits> attempts = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    /** @param a an attempt that starts; cancelled at once when the run already is */
    void add(AttemptLimits a) {
        attempts.add(a);
        if (cancelled) {
            a.cancel();
        }
    }

    /** @param a an attempt that ended */
    void remove(AttemptLimits a) {
        attempts.remove(a);
    }

    /** Cancels every attempt in flight and every later one. */
    void cancelAll() {
        cancelled = true;
        attempts.forEach(AttemptLimits::cancel);
    }
}
