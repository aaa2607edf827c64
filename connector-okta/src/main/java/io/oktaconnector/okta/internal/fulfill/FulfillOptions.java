package io.oktaconnector.okta.internal.fulfill;

import java.util.Objects;

/**
 * The settings that shape fulfillment.
 *
 * @param userDeleteMode        what a {@code Deleted} user order does
 * @param activateOnCreate      activate a created user when the order names no {@code status}
 * @param sendActivationEmail   let Okta e-mail the user on activation
 * @param adoptExistingOnCreate an {@code Added} user (group) whose login (name) exists takes over the existing one
 *                              instead of ending {@code Errored ALREADY_EXISTS}
 * @param maxDeletesPerRun      the most orders that delete or deactivate in one run; negative: no cap
 * @param concurrency           orders run at the same time (different resources only), at least 1
 */
public record FulfillOptions(UserDeletion userDeleteMode, boolean activateOnCreate, boolean sendActivationEmail,
                             boolean adoptExistingOnCreate, int maxDeletesPerRun, int concurrency) {
    /** The defaults documented in the README. */
    public static final FulfillOptions DEFAULTS = new FulfillOptions(UserDeletion.DEACTIVATE, true, false, false,
            500, 4);

    /** What a {@code Deleted} user order does (the settings' {@code UserDeleteMode}). */
    public enum UserDeletion {
        /** Deactivate only (DEPROVISIONED): reversible. */
        DEACTIVATE,
        /** Deactivate, then delete for good. */
        DELETE
    }

    public FulfillOptions {
        Objects.requireNonNull(userDeleteMode, "userDeleteMode == null");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency < 1");
        }
    }

    public FulfillOptions withMaxDeletesPerRun(int max) {
        return new FulfillOptions(userDeleteMode, activateOnCreate, sendActivationEmail, adoptExistingOnCreate, max,
                concurrency);
    }

    public FulfillOptions withUserDeleteMode(UserDeletion mode) {
        return new FulfillOptions(mode, activateOnCreate, sendActivationEmail, adoptExistingOnCreate, maxDeletesPerRun,
                concurrency);
    }

    public FulfillOptions withAdoptExistingOnCreate(boolean adopt) {
        return new FulfillOptions(userDeleteMode, activateOnCreate, sendActivationEmail, adopt, maxDeletesPerRun,
                concurrency);
    }

    public FulfillOptions withConcurrency(int n) {
        return new FulfillOptions(userDeleteMode, activateOnCreate, sendActivationEmail, adoptExistingOnCreate,
                maxDeletesPerRun, n);
    }

    public FulfillOptions withActivation(boolean activateOnCreate, boolean sendActivationEmail) {
        return new FulfillOptions(userDeleteMode, activateOnCreate, sendActivationEmail, adoptExistingOnCreate,
                maxDeletesPerRun, concurrency);
    }
}
