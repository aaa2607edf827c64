package io.oktaconnector.okta.internal.http;

import java.time.Duration;

/**
 * The end of a whole export or fulfill run ({@code RunTimeoutMinutes}), on a {@link Ticker}'s monotonic clock. The
 * governor sends no request after it and refuses any wait that would end after it.
 *
 * @param atNanos the deadline in {@link Ticker#nanos()} time
 * @param timeout the run timeout it came from, for messages
 */
public record Deadline(long atNanos, Duration timeout) {

    /** No deadline. */
    public static final Deadline NONE = new Deadline(Long.MAX_VALUE, null);

    /**
     * @param timeout how long the run may take, never {@code null}
     * @param ticker  the clock the governor uses
     * @return the deadline {@code timeout} from now
     */
    public static Deadline after(Duration timeout, Ticker ticker) {
        long now = ticker.nanos();
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException e) {
            return NONE;
        }
        return nanos > Long.MAX_VALUE - Math.max(0, now) ? NONE : new Deadline(now + nanos, timeout);
    }

    /**
     * @param nowNanos the current {@link Ticker#nanos()}
     * @return nanoseconds left, negative when past; {@code Long.MAX_VALUE} without a deadline
     */
    public long leftNanos(long nowNanos) {
        return this == NONE || timeout == null ? Long.MAX_VALUE : atNanos - nowNanos;
    }

    /** @return the setting that sets it, for messages (seconds when it is not whole minutes: tests) */
    String describe() {
        if (timeout == null) {
            return "no deadline";
        }
        return "RunTimeoutMinutes (" + (timeout.toSecondsPart() == 0 && timeout.toMinutes() > 0
                ? timeout.toMinutes() + " min" : timeout.toSeconds() + " s") + ")";
    }
}
