package io.oktaconnector.okta.internal.fulfill;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one order has learnt about the users it changes: their status as last seen (so a step need not read it
 * again), their logins, and whose password it expired. Not thread-safe.
 */
final class UserStates {
    private final Map<String, UserLifecycle.Status> statuses = new HashMap<>();
    private final Map<String, String> logins = new HashMap<>();
    private final Set<String> expired = new HashSet<>();

    /**
     * Keeps what an answer of Okta's says about a user.
     *
     * @param user     a user as Okta answered it
     * @param expected the status to assume when the answer has none (a dry run's stand-in), or {@code null}
     */
    void remember(JsonNode user, UserLifecycle.Status expected) {
        String id = Json.text(user, "id");
        if (id == null) {
            return;
        }
        String login = Json.text(user.get("profile"), "login");
        if (login != null) {
            logins.put(id, login);
        }
        UserLifecycle.Status status = UserLifecycle.Status.parse(Json.text(user, "status")).orElse(expected);
        if (status != null && Json.text(user, "transitioningToStatus") == null) {
            statuses.put(id, status);
        } else {
            statuses.remove(id);
        }
    }

    /** @return the user's status as last seen, when it is still known */
    Optional<UserLifecycle.Status> status(String id) {
        return Optional.ofNullable(statuses.get(id));
    }

    /** A call changed the user's status to one not known: the next step reads it. */
    void statusChanged(String id) {
        statuses.remove(id);
    }

    /** @param status the status a dry run assumes the user reached */
    void assume(String id, UserLifecycle.Status status) {
        statuses.put(id, status);
    }

    /** @return the user's login as last seen, or {@code null} */
    String login(String id) {
        return logins.get(id);
    }

    /** This order expired the user's password. */
    void passwordExpired(String id) {
        expired.add(id);
    }

    /** @return whether this order expired the user's password */
    boolean isPasswordExpired(String id) {
        return expired.contains(id);
    }
}
