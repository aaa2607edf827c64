package io.oktaconnector.okta.internal.fulfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.LinkChange;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.FulfillSettings;
import io.oktaconnector.okta.PasswordNotice;
import io.oktaconnector.okta.UserDeleteMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The steps on users: create, update, lifecycle, passwords, delete and group memberships. Stateless. */
final class UserOps {
    private static final Logger LOG = LoggerFactory.getLogger(UserOps.class);
    private static final Set<UserLifecycle.Status> EXPIRABLE = EnumSet.of(UserLifecycle.Status.ACTIVE,
            UserLifecycle.Status.PASSWORD_EXPIRED, UserLifecycle.Status.RECOVERY, UserLifecycle.Status.LOCKED_OUT);

    private final FulfillSettings settings;
    private final Passwords passwords;

    UserOps(FulfillSettings settings, Passwords passwords) {
        this.settings = settings;
        this.passwords = passwords;
    }

    void create(OrderRun r, Operation.CreateUser op) {
        String login = op.login();
        // GET by login is strongly consistent (search and filter lag writes): it tells whether the user exists
        CreateReconciler.create(r, new CreateReconciler.Kind("user", "login " + login, "a user with login " + login,
                "no user with login " + login + " exists", op.body().reveal().path("profile"),
                CreateReconciler.Recheck.AT_ONCE,
                lost -> r.find(path(login)),
                () -> {
                    JsonNode created = r.wire().send("POST", "/api/v1/users",
                            Map.of("activate", String.valueOf(op.activate())), op.body());
                    r.created().made(OrderRun.createdId(created, "user"));
                    r.users().remember(created, op.activate() ? UserLifecycle.Status.ACTIVE
                            : UserLifecycle.Status.STAGED);
                    r.report().did("created user " + login + (r.wire().dryRun() ? ""
                            : " (" + Json.text(created, "status") + ")"));
                },
                (existing, dropped) -> {
                    String id = Json.text(existing, "id");
                    take(r, existing, dropped ? "the answer to the create was lost; user " + id
                            + " with login " + login + " was found, so it was not created again"
                            : "user " + id + " with login " + login + " was found: taken as created by the"
                            + " interrupted run, not created again");
                    if (!dropped) {
                        resetChosenPassword(r, op);
                    }
                },
                existing -> adopt(r, existing, op)), settings.adoptExistingOnCreate());
    }

    private void take(OrderRun r, JsonNode user, String note) {
        r.created().found(Json.text(user, "id"));
        r.users().remember(user, null);
        r.report().did("created user " + Json.text(user.get("profile"), "login") + " (" + Json.text(user, "status")
                + ")");
        r.report().note(note);
    }

    /**
     * The interrupted run created the user with a password it chose and may never have delivered: this run chose
     * another one (the plan delivers it), so it is set too. A password the order gives is the same in both runs.
     */
    private void resetChosenPassword(OrderRun r, Operation.CreateUser op) {
        JsonNode credentials = op.body().reveal().path("credentials");
        if (op.passwordChosen() && credentials.path("password").has("value")) {
            ObjectNode update = Json.object();
            update.putObject("credentials").set("password", credentials.get("password"));
            update(r, r.created().id(), JsonBody.of(update));
        }
    }

    private void adopt(OrderRun r, JsonNode existing, Operation.CreateUser op) {
        String id = Json.text(existing, "id");
        r.created().found(id);
        r.users().remember(existing, null);
        r.report().note("adopted the existing user " + id + " with login " + op.login() + " (AdoptExistingOnCreate)");
        JsonNode body = op.body().reveal();
        ObjectNode update = Json.object();
        if (body.has("profile")) {
            update.set("profile", body.get("profile"));
        }
        if (body.has("credentials")) {
            update.set("credentials", body.get("credentials"));
        }
        update(r, id, JsonBody.of(update));
        List<String> groupIds = new ArrayList<>();
        if (body.has("groupIds")) {
            body.get("groupIds").forEach(g -> groupIds.add(g.asText()));
        }
        if (!groupIds.isEmpty()) {
            groupLinks(r, id, LinkChange.Operation.ADD, groupIds);
        }
    }

    void update(OrderRun r, String id, JsonBody body) {
        JsonNode updated = r.wire().send("POST", path(id), Map.of(), body);
        r.users().remember(updated, null);
        JsonNode b = body.reveal();
        List<String> what = new ArrayList<>();
        if (b.has("profile")) {
            List<String> names = new ArrayList<>();
            b.get("profile").fieldNames().forEachRemaining(names::add);
            what.add("updated " + String.join(", ", names));
        }
        if (b.has("credentials")) {
            what.add(b.get("credentials").has("password") ? "set the password" : "updated credentials");
        }
        r.report().did(String.join("; ", what));
    }

    // ------------------------------------------------------------------ passwords

    void expirePassword(OrderRun r, String id) {
        UserLifecycle.Status current = r.users().status(id).orElseGet(() -> r.wire().dryRun()
                && Operation.NEW_ID.equals(id) ? UserLifecycle.Status.ACTIVE : readStatus(r, id));
        if (!EXPIRABLE.contains(current)) {
            r.report().note("password not expired: Okta expires the passwords of active users only (the user is "
                    + current + ")");
            return;
        }
        JsonNode user = r.wire().send("POST", path(id) + "/lifecycle/expire_password", Map.of(), null);
        r.users().statusChanged(id);
        r.users().remember(user, UserLifecycle.Status.PASSWORD_EXPIRED);
        r.users().passwordExpired(id);
        r.report().did("expired the password (to be changed at the next sign-in)");
    }

    void resetPasswordByEmail(OrderRun r, String id) {
        // sendEmail=true: Okta mails the reset link itself; with false it would answer the link, which we must not hold
        r.wire().send("POST", path(id) + "/lifecycle/reset_password", Map.of("sendEmail", "true"), null);
        r.users().statusChanged(id);
        r.report().did("Okta e-mailed a password reset link (user in RECOVERY)");
    }

    void deliverPassword(OrderRun r, String id, Secret password) {
        if (r.wire().dryRun()) {
            r.report().note(passwords.settings().notifyUser()
                    ? "the password would be handed to the password notifier"
                    : "the password would not be delivered (notifications are disabled)");
            return;
        }
        if (!passwords.settings().notifyUser()) {
            r.report().note("password not delivered: notifications are disabled (DisableNotifications)");
            return;
        }
        String login = r.users().login(id);
        if (login == null) {
            JsonNode user = r.wire().get(path(id), Map.of());
            login = Json.text(user.get("profile"), "login");
        }
        PasswordNotice notice = new PasswordNotice(passwords.connectionId(), r.assignmentId(), id,
                login == null ? "" : login, password, r.users().isPasswordExpired(id));
        try {
            passwords.notifier().deliver(notice);
        } catch (RuntimeException e) {
            // neither the message nor the stack trace: a notifier may quote the password in either
            LOG.warn("the password notifier {} failed for order {} (user {}): {}",
                    passwords.notifier().getClass().getName(), r.assignmentId(), id,
                    e.getClass().getName());
            throw new ConnectorException(ErrorCode.INTERNAL, "the password was set in Okta but the password notifier"
                    + " failed (" + e.getClass().getName() + "), so nobody knows it: send a password reset order");
        }
        r.report().did("password handed to the password notifier");
    }

    // ------------------------------------------------------------------ lifecycle

    private static UserLifecycle.Status readStatus(OrderRun r, String id) {
        JsonNode user = r.wire().get(path(id), Map.of());
        String transitioning = Json.text(user, "transitioningToStatus");
        if (transitioning != null) {
            throw new ConnectorException(ErrorCode.UNAVAILABLE, "user " + id + " is still transitioning to "
                    + transitioning + "; send the order again later");
        }
        String text = Json.text(user, "status");
        return UserLifecycle.Status.parse(text).orElseThrow(() -> new ConnectorException(ErrorCode.PROTOCOL,
                "user " + id + " has the unknown status " + text));
    }

    void setStatus(OrderRun r, String id, UserLifecycle.Status target) {
        UserLifecycle.Status current = r.users().status(id).orElseGet(() -> readStatus(r, id));
        for (int calls = 0; calls < 3; calls++) {
            UserLifecycle.Next next = UserLifecycle.next(current, target);
            if (next instanceof UserLifecycle.Reached reached) {
                if (!reached.note().isEmpty()) {
                    r.report().note(reached.note());
                } else if (calls == 0) {
                    r.report().note("status already " + target);
                }
                return;
            }
            if (next instanceof UserLifecycle.Impossible impossible) {
                throw new ConnectorException(ErrorCode.REJECTED, "cannot set the status to " + target + ": "
                        + impossible.reason());
            }
            UserLifecycle.Call call = (UserLifecycle.Call) next;
            if (call.action().destructive()) {
                r.reserveDestructive("deactivating user " + id);
            }
            Map<String, String> query = switch (call.action()) {
                case ACTIVATE -> Map.of("sendEmail", String.valueOf(settings.sendActivationEmail()));
                case DEACTIVATE -> Map.of("sendEmail", "false");
                default -> Map.of();
            };
            r.wire().send("POST", path(id) + "/lifecycle/" + call.action().path(), query, null);
            r.report().did(call.action().done() + " (was " + current + ")");
            r.users().statusChanged(id);
            boolean reached = call.expected() == target
                    || (target == UserLifecycle.Status.PROVISIONED && call.expected() == UserLifecycle.Status.ACTIVE);
            if (reached) {
                if (r.wire().dryRun()) {
                    r.users().assume(id, call.expected());
                }
                return;
            }
            // activation may leave a user PROVISIONED rather than ACTIVE: read what Okta made of it
            current = r.wire().dryRun() ? call.expected() : readStatus(r, id);
        }
        throw new ConnectorException(ErrorCode.INTERNAL, "the status did not reach " + target + " after 3 lifecycle"
                + " calls; it is " + current);
    }

    void delete(OrderRun r, String id, UserDeleteMode mode) {
        JsonNode user = r.find(path(id));
        if (user == null) {
            r.report().note("user " + id + " not found: nothing to delete");
            return;
        }
        UserLifecycle.Status status = UserLifecycle.Status.parse(Json.text(user, "status")).orElse(null);
        if (status != UserLifecycle.Status.DEPROVISIONED) {
            r.reserveDestructive((mode == UserDeleteMode.DEACTIVATE_AND_DELETE ? "deleting user " : "deactivating user ")
                    + id);
            r.wire().send("POST", path(id) + "/lifecycle/deactivate", Map.of("sendEmail", "false"), null);
            r.report().did("deactivated (was " + status + ")");
        } else if (mode == UserDeleteMode.DEACTIVATE_ONLY) {
            r.report().note("already deactivated");
        }
        if (mode == UserDeleteMode.DEACTIVATE_AND_DELETE) {
            r.reserveDestructive("deleting user " + id);
            r.deleteUnlessGone("user", id, path(id), Map.of("sendEmail", "false"));
        }
    }

    // ------------------------------------------------------------------ links

    void groupLinks(OrderRun r, String userId, LinkChange.Operation op, List<String> groupIds) {
        Set<String> current = new HashSet<>();
        for (String g : groupIds) {
            // groups that many orders of this run change are read once for all of them (Memberships)
            Optional<Boolean> member = r.memberships().member(r.wire(), g, userId);
            if (member.isEmpty()) {
                current = OrderRun.ids(r.wire().getAll(path(userId) + "/groups", Map.of("limit", OrderRun.PAGE)));
                break;
            }
            if (member.get()) {
                current.add(g);
            }
        }
        boolean add = op == LinkChange.Operation.ADD;
        Tally.apply(r, add ? "added to " : "removed from ", "group", op, current, groupIds,
                g -> "/api/v1/groups/" + Json.segment(g) + "/users/" + Json.segment(userId), false,
                add ? "already in " : "not in ", (g, known) -> {
                    if (!r.wire().dryRun()) {
                        r.memberships().wrote(g, userId, op, known);
                    }
                });
    }

    static String path(String idOrLogin) {
        return "/api/v1/users/" + Json.segment(idOrLogin);
    }
}
