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

    /**
     * @param max the cap, at least 0 ({@link io.oktaconnector.okta.FulfillSettings#maxDeletesPerRun()})
     * @throws IllegalArgumentException when {@code max} is negative
     */
    public DeleteBudget(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max < 0");
        }
        this.max = max;
    }

    /** @return whether a unit was taken */
    boolean tryTake() {
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

    /** @return the cap */
    int max() {
        return max;
    }
}
