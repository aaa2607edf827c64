package io.oktaconnector.okta.internal.fulfill;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The run's safety cap on orders that delete or deactivate ({@code MaxDeletesPerRun}). Each such order takes one
 * unit before its first destructive call; once the cap is reached the remaining ones end {@code Errored}.
 * Thread-safe.
 */
public final class DeleteBudget {
    private final int max;
    private final AtomicInteger taken = new AtomicInteger();

    /** @param max the cap; negative: no cap */
    public DeleteBudget(int max) {
        this.max = max;
    }

    /** @return whether a unit was taken (always, without a cap) */
    boolean tryTake() {
        if (max < 0) {
            taken.incrementAndGet();
            return true;
        }
        while (true) {
            int now = taken.get();
            if (now >= max) {
                return false;
            }
            if (taken.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** @return the cap; negative: none */
    int max() {
        return max;
    }

    /** @return the units taken so far */
    public int taken() {
        return taken.get();
    }
}
