package io.oktaconnector.okta.internal.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;

/** A clock that only moves when the governor waits: every wait is recorded and passes at once. Single-threaded. */
final class FakeTicker implements Ticker {
    static final long S = 1_000_000_000L;
    static final long MS = 1_000_000L;

    long nanos = 1_000 * S;
    /** Our wall clock at {@link #nanos} = 1000 s; tests skew it against the server's Date. */
    long wallAtStart;
    final List<Long> waits = new ArrayList<>();

    FakeTicker(Instant wall) {
        this.wallAtStart = wall.toEpochMilli() - 1_000_000;
    }

    @Override
    public long nanos() {
        return nanos;
    }

    @Override
    public long wallMillis() {
        return wallAtStart + nanos / MS;
    }

    @Override
    public void await(Condition changed, long n) {
        waits.add(n);
        nanos += n;
    }

    void advance(long n) {
        nanos += n;
    }

    /** @return the waits in milliseconds, rounded */
    List<Long> waitMillis() {
        return waits.stream().map(w -> Math.round(w / (double) MS)).toList();
    }
}
