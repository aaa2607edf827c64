package io.oktaconnector.api;

/**
 * Whether a fulfill run changes the target or only plans: {@code fulfill(orders, FulfillMode.DRY_RUN)} reads at the
 * call site where a {@code boolean} would not.
 *
 * @since 0.1
 */
public enum FulfillMode {
    /** Send the writes: the orders change the target, and each gets the result of what was done. */
    APPLY,
    /**
     * Plan only: the target may be read where the plan depends on it, but no write reaches it, no file is moved and no
     * result is written; the summary lists the calls that would be sent, secrets masked.
     */
    DRY_RUN;

    /**
     * @param dryRun a flag as older code passes it
     * @return {@link #DRY_RUN} for {@code true}, else {@link #APPLY}
     */
    public static FulfillMode of(boolean dryRun) {
        return dryRun ? DRY_RUN : APPLY;
    }

    /** {@return whether this mode only plans} */
    public boolean isDryRun() {
        return this == DRY_RUN;
    }
}
