package io.oktaconnector.okta.internal.http;

import java.io.IOException;
import java.net.SocketTimeoutException;

/**
 * The limits of the HTTP attempt running on the calling thread, enforced where every byte of an answer is read (the
 * socket stream of {@link QuietConnection}): a deadline for the whole answer, status line, headers and body alike, and
 * a flag that gives the answer up. httpclient5's classic client reads an answer on the thread that sent the request,
 * so a thread-local reaches the reads of exactly this attempt.
 *
 * <p>The deadline is the earlier of {@code RequestTimeoutSeconds} from the attempt's start and the run's deadline: a
 * server that trickles its answer a byte at a time passes every per-read timeout, but not this. A read blocked in the
 * socket is bounded too: its socket timeout is lowered to the time left.
 */
final class AttemptLimits {

    private static final ThreadLocal<AttemptLimits> CURRENT = new ThreadLocal<>();

    private final long deadlineNanos;
    private final String limit;
    private final boolean runDeadline;
    private volatile boolean abandoned;
    private volatile boolean cancelled;
    private volatile QuietConnection connection;

    /**
     * @param deadlineNanos the deadline in {@link System#nanoTime()} time
     * @param limit         the setting that set it, for messages, e.g. {@code RequestTimeoutSeconds (120 s)}
     * @param runDeadline   whether it is the run's deadline rather than the request's own
     */
    private AttemptLimits(long deadlineNanos, String limit, boolean runDeadline) {
        this.deadlineNanos = deadlineNanos;
        this.limit = limit;
        this.runDeadline = runDeadline;
    }

    /**
     * Sets the limits of the attempt that starts now on this thread.
     *
     * @param requestNanos the request's own timeout
     * @param requestLimit its setting, for messages
     * @param runLeftNanos time left until the run's deadline ({@code Long.MAX_VALUE} for none)
     * @param runLimit     its setting, for messages
     * @return the limits, to pass to {@link #end}
     */
    static AttemptLimits begin(long requestNanos, String requestLimit, long runLeftNanos, String runLimit) {
        long now = System.nanoTime();
        AttemptLimits l = runLeftNanos < requestNanos
                ? new AttemptLimits(now + Math.max(0, runLeftNanos), runLimit, true)
                : new AttemptLimits(now + requestNanos, requestLimit, false);
        CURRENT.set(l);
        return l;
    }

    /** Ends the attempt on this thread. */
    static void end() {
        CURRENT.remove();
    }

    /** @return the limits of the attempt on this thread, or {@code null} outside an attempt */
    static AttemptLimits current() {
        return CURRENT.get();
    }

    /** Gives the answer up: every further read of it fails at once (closing it then discards the connection). */
    void abandon() {
        abandoned = true;
    }

    /** @param c the connection the answer is read from (each read says so) */
    void reading(QuietConnection c) {
        connection = c;
    }

    /**
     * Stops the attempt from another thread (its run failed): its answer is given up and its connection closed, while
     * the attempt still holds it (never once it went back to the pool), which ends a read blocked in it at once.
     */
    void cancel() {
        cancelled = true;
        abandoned = true;
        QuietConnection c = connection;
        if (c != null) {
            c.cancel(this);
        }
    }

    /** @return whether {@link #cancel()} stopped the attempt */
    boolean cancelled() {
        return cancelled;
    }

    /**
     * @return nanoseconds left before the deadline
     * @throws IOException {@link Exceeded} when none is left, {@link Abandoned} after {@link #abandon()}
     */
    long left() throws IOException {
        if (abandoned) {
            throw new Abandoned();
        }
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw exceeded(null);
        }
        return left;
    }

    /** @return the failure of a read that the deadline cut */
    Exceeded exceeded(Throwable cause) {
        Exceeded e = new Exceeded(limit, runDeadline);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /**
     * The answer did not arrive in full before the attempt's deadline. A {@link SocketTimeoutException}, so that
     * whatever treats a read timeout as final (no retry) treats this alike.
     */
    static final class Exceeded extends SocketTimeoutException {
        private static final long serialVersionUID = 1L;
        private final String limit;
        private final boolean runDeadline;

        Exceeded(String limit, boolean runDeadline) {
            super(runDeadline ? "the run exceeded " + limit + " while waiting for the answer"
                    : "no complete answer within " + limit);
            this.limit = limit;
            this.runDeadline = runDeadline;
        }

        /** @return the setting whose limit was reached, e.g. {@code RequestTimeoutSeconds (120 s)} */
        String limit() {
            return limit;
        }

        /** @return whether it was the run's deadline */
        boolean runDeadline() {
            return runDeadline;
        }
    }

    /** The answer was given up (refused part-way); reading on would only drain it. */
    static final class Abandoned extends IOException {
        private static final long serialVersionUID = 1L;

        Abandoned() {
            super("the answer was given up");
        }
    }
}
