package io.oktaconnector.okta.internal.http;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

/**
 * The governor's view of time: a monotonic clock for pacing, the wall clock (only to read a reset when the server sent
 * no {@code Date}), and timed waits. Replaceable so that tests drive the governor on a fake clock without sleeping.
 */
public interface Ticker {

    /** @return a monotonic time in nanoseconds (arbitrary origin) */
    long nanos();

    /** @return the wall clock in epoch milliseconds */
    long wallMillis();

    /**
     * Waits at most {@code nanos}, or until {@code changed} is signalled. Called with the condition's lock held.
     *
     * @param changed signalled when the governor's state changes (a response arrived, a permit was released)
     * @param nanos   the longest wait, positive
     * @throws InterruptedException when interrupted
     */
    void await(Condition changed, long nanos) throws InterruptedException;

    /** The real clocks. */
    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public long wallMillis() {
            return System.currentTimeMillis();
        }

        @Override
        public void await(Condition changed, long nanos) throws InterruptedException {
            changed.await(nanos, TimeUnit.NANOSECONDS);
        }
    };
}
