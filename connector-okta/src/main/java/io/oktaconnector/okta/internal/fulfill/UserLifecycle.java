package io.oktaconnector.okta.internal.fulfill;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Okta's user lifecycle (reference §1.1): from a user's current status, the next lifecycle call towards a requested
 * status, or why none exists. Pure logic: the executor reads the current status, sends the call and asks again.
 */
public final class UserLifecycle {
    private UserLifecycle() {
    }

    /** Okta's user statuses. */
    public enum Status {
        STAGED, PROVISIONED, ACTIVE, RECOVERY, PASSWORD_EXPIRED, LOCKED_OUT, SUSPENDED, DEPROVISIONED;

        /**
         * @param text a status as Okta or an order writes it, any case
         * @return the status, or empty when unknown
         */
        public static Optional<Status> parse(String text) {
            if (text == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    /** A lifecycle call: {@code POST /api/v1/users/{id}/lifecycle/<path>}. */
    public enum Action {
        ACTIVATE("activate", "activated"),
        UNSUSPEND("unsuspend", "unsuspended"),
        UNLOCK("unlock", "unlocked"),
        SUSPEND("suspend", "suspended"),
        DEACTIVATE("deactivate", "deactivated");

        private final String path;
        private final String done;

        Action(String path, String done) {
            this.path = path;
            this.done = done;
        }

        /** @return the last path segment */
        public String path() {
            return path;
        }

        /** @return the past tense, for result messages */
        public String done() {
            return done;
        }

        /** @return whether the call counts against the run's cap on deletes and deactivations */
        public boolean destructive() {
            return this == DEACTIVATE;
        }
    }

    /** The answer for one (current, requested) pair. */
    public sealed interface Next permits Reached, Call, Impossible {
    }

    /**
     * Nothing to do.
     *
     * @param note a remark for the result message, empty when the status is exactly the requested one
     */
    public record Reached(String note) implements Next {
    }

    /**
     * Send this call; the user should then be in {@code expected}.
     *
     * @param action   the call
     * @param expected the status Okta moves the user to
     */
    public record Call(Action action, Status expected) implements Next {
    }

    /**
     * No lifecycle call gets there.
     *
     * @param reason why, for a person
     */
    public record Impossible(String reason) implements Next {
    }

    // Statuses of a user who has been activated: Okta has no call that turns them into ACTIVE, the user does
    // (finishing activation, resetting or changing the password).
    private static final Set<Status> ACTIVATED = EnumSet.of(Status.ACTIVE, Status.PROVISIONED, Status.RECOVERY,
            Status.PASSWORD_EXPIRED);

    /**
     * @param current   the user's current status
     * @param requested the status the order asks for
     * @return what to do next
     */
    public static Next next(Status current, Status requested) {
        if (current == requested) {
            return new Reached("");
        }
        switch (requested) {
            case ACTIVE, PROVISIONED -> {
                if (ACTIVATED.contains(current)) {
                    return new Reached("the user is " + current + ": already activated; Okta makes them ACTIVE when"
                            + " they complete " + (current == Status.PROVISIONED ? "activation" : "the password flow"));
                }
                return switch (current) {
                    case STAGED, DEPROVISIONED -> new Call(Action.ACTIVATE, Status.ACTIVE);
                    case SUSPENDED -> new Call(Action.UNSUSPEND, Status.ACTIVE);
                    case LOCKED_OUT -> new Call(Action.UNLOCK, Status.ACTIVE);
                    default -> throw new IllegalStateException(current.name());
                };
            }
            case SUSPENDED -> {
                return switch (current) {
                    case ACTIVE -> new Call(Action.SUSPEND, Status.SUSPENDED);
                    case LOCKED_OUT -> new Call(Action.UNLOCK, Status.ACTIVE);
                    case STAGED, DEPROVISIONED -> new Call(Action.ACTIVATE, Status.ACTIVE);
                    default -> new Impossible("Okta suspends only ACTIVE users and this user is " + current
                            + (current == Status.PROVISIONED ? " (activated but has not completed activation)" : ""));
                };
            }
            case DEPROVISIONED -> {
                return new Call(Action.DEACTIVATE, Status.DEPROVISIONED);
            }
            case STAGED -> {
                return new Impossible("Okta cannot return a " + current + " user to STAGED (STAGED exists only"
                        + " before the first activation)");
            }
            default -> {
                return new Impossible("the status " + requested + " is set by Okta itself (sign-in or password"
                        + " events), not by a lifecycle call; the user is " + current);
            }
        }
    }
}
