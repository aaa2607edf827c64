package io.oktaconnector.okta.internal.fulfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.FulfillResult;
import io.oktaconnector.api.LinkChange;
import io.oktaconnector.api.PlannedCall;
import io.oktaconnector.api.ProvisioningState;
import io.oktaconnector.okta.PasswordNotice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs one order's plan against Okta and gives its one result. What depends on Okta's state is read first (a user's
 * status, existing links, a group's type), so a repeated order does no harm: an existing link, a missing one, a
 * reached status or an object already gone end {@code Executed} with a note. A create whose answer was lost is
 * resolved by looking the object up before anything is sent again. Thread-safe: all state is per call.
 */
public final class OrderExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(OrderExecutor.class);
    private static final int CREATE_ATTEMPTS = 3;
    private static final String PAGE = "200";
    // our clock against Okta's, when telling an object this order created from one that existed before
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

    private final OktaWire wire;
    private final FulfillOptions options;
    private final DeleteBudget budget;
    private final Passwords passwords;

    public OrderExecutor(OktaWire wire, FulfillOptions options, DeleteBudget budget) {
        this(wire, options, budget, Passwords.OKTA_EMAIL);
    }

    /**
     * @param wire      the wire
     * @param options   the fulfill options
     * @param budget    the run's cap on deletes and deactivations
     * @param passwords who receives the passwords the connector sets
     */
    public OrderExecutor(OktaWire wire, FulfillOptions options, DeleteBudget budget, Passwords passwords) {
        this.wire = Objects.requireNonNull(wire, "wire == null");
        this.options = Objects.requireNonNull(options, "options == null");
        this.budget = Objects.requireNonNull(budget, "budget == null");
        this.passwords = Objects.requireNonNull(passwords, "passwords == null");
    }

    /**
     * The outcome of one order.
     *
     * @param result its one result
     * @param calls  the writes sent (or, in a dry run, planned), bodies masked
     */
    public record Outcome(FulfillResult result, List<PlannedCall> calls) {
        public Outcome {
            Objects.requireNonNull(result, "result == null");
            calls = List.copyOf(calls);
        }
    }

    /**
     * @param plan    the order's plan
     * @param dryRun  record writes instead of sending them
     * @param resumed the order was started by an interrupted run that left no result: a create first looks for
     *                the object that run may have made
     * @return the outcome, never {@code null}
     * @throws ConnectorException only {@link ErrorCode#AUTHENTICATION}: the run cannot go on, and this order has no
     *                            result
     */
    public Outcome execute(OrderPlan plan, boolean dryRun, boolean resumed) {
        Run r = new Run(plan, new OrderWire(wire, plan.order().assignmentId(), dryRun), resumed);
        Operation current = null;
        try {
            for (Operation op : plan.operations()) {
                current = op;
                step(r, op);
            }
            return new Outcome(r.result(ProvisioningState.Executed, ""), r.w.calls());
        } catch (ConnectorException e) {
            if (e.code() == ErrorCode.AUTHENTICATION) {
                throw e;
            }
            return new Outcome(r.result(ProvisioningState.Errored, r.describe(current) + ": " + e.getMessage()),
                    r.w.calls());
        } catch (RuntimeException e) {
            LOG.warn("order {} failed unexpectedly in '{}'", plan.order().assignmentId(), r.describe(current), e);
            return new Outcome(r.result(ProvisioningState.Errored, r.describe(current) + ": internal error "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())),
                    r.w.calls());
        }
    }

    /** One order's state while it runs. */
    private final class Run {
        final OrderPlan plan;
        final OrderWire w;
        final boolean resumed;
        final List<Object> done = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final Map<String, JsonNode> seen = new HashMap<>();
        final Map<String, UserLifecycle.Status> statuses = new HashMap<>();
        final Map<String, String> logins = new HashMap<>();
        final Set<String> expired = new java.util.HashSet<>();
        String newId;
        boolean ambiguous;
        boolean reserved;
        Instant firstSend;
        boolean found; // the "created" object was found rather than made: its links are read, not assumed empty

        Run(OrderPlan plan, OrderWire w, boolean resumed) {
            this.plan = plan;
            this.w = w;
            this.resumed = resumed;
            this.notes.addAll(plan.notes());
        }

        String id(String ref) {
            if (!Operation.NEW_ID.equals(ref)) {
                return ref;
            }
            if (newId == null) {
                throw new IllegalStateException("the created object's id is not known yet");
            }
            return newId;
        }

        /** Notes when the order first sends a create, to tell its object from an older one. */
        void sending() {
            if (firstSend == null) {
                firstSend = Instant.now();
            }
        }

        boolean isNew(String ref) {
            return Operation.NEW_ID.equals(ref) && !found;
        }

        String describe(Operation op) {
            if (op == null) {
                return plan.kind().label() + " order";
            }
            String d = op.describe();
            return newId == null ? d : d.replace(Operation.NEW_ID, newId);
        }

        void reserveDestructive(String what) {
            if (reserved) {
                return;
            }
            if (!budget.tryTake()) {
                throw new ConnectorException(ErrorCode.REJECTED, "not done: " + what + " would pass MaxDeletesPerRun ("
                        + budget.max() + "), the safety cap on deletes and deactivations in one run; raise the setting"
                        + " or split the orders");
            }
            reserved = true;
        }

        FulfillResult result(ProvisioningState state, String error) {
            List<String> parts = new ArrayList<>();
            done.stream().map(String::valueOf).filter(d -> !d.isEmpty()).forEach(parts::add);
            String summary = String.join("; ", parts);
            String remarks = String.join("; ", notes);
            String message;
            if (state == ProvisioningState.Executed) {
                message = join(summary, remarks);
                if (w.dryRun()) {
                    message = "dry run, nothing sent: " + (message.isEmpty() ? "no change" : message);
                }
            } else {
                message = error + (summary.isEmpty() ? "" : " (done before the failure: " + summary + ")")
                        + (remarks.isEmpty() ? "" : " (" + remarks + ")");
            }
            String resourceId = plan.resourceId() != null ? plan.resourceId()
                    : newId != null && !Operation.NEW_ID.equals(newId) ? newId : null;
            return new FulfillResult(plan.order().assignmentId(), state, oneLine(message),
                    plan.order().change().type(), resourceId);
        }
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ").strip();
    }

    private void step(Run r, Operation op) {
        if (op instanceof Operation.CreateUser o) {
            createUser(r, o);
        } else if (op instanceof Operation.UpdateUser o) {
            updateUser(r, r.id(o.userId()), o.body());
        } else if (op instanceof Operation.SetUserStatus o) {
            setUserStatus(r, r.id(o.userId()), o.target());
        } else if (op instanceof Operation.ExpirePassword o) {
            expirePassword(r, r.id(o.userId()));
        } else if (op instanceof Operation.ResetPasswordByEmail o) {
            resetPasswordByEmail(r, r.id(o.userId()));
        } else if (op instanceof Operation.DeliverPassword o) {
            deliverPassword(r, r.id(o.userId()), o.password());
        } else if (op instanceof Operation.DeleteUser o) {
            deleteUser(r, o.userId(), o.mode());
        } else if (op instanceof Operation.UserGroupLinks o) {
            userGroupLinks(r, r.id(o.userId()), o.op(), o.groupIds());
        } else if (op instanceof Operation.CreateGroup o) {
            createGroup(r, o);
        } else if (op instanceof Operation.UpdateGroupProfile o) {
            updateGroupProfile(r, r.id(o.groupId()), (ObjectNode) o.changes().reveal());
        } else if (op instanceof Operation.DeleteGroup o) {
            deleteGroup(r, o.groupId());
        } else if (op instanceof Operation.GroupUserLinks o) {
            groupUserLinks(r, o);
        } else if (op instanceof Operation.GroupAppLinks o) {
            groupAppLinks(r, o);
        } else if (op instanceof Operation.CreateApp o) {
            createApp(r, o);
        } else if (op instanceof Operation.UpdateApp o) {
            updateApp(r, r.id(o.appId()), (ObjectNode) o.changes().reveal());
        } else if (op instanceof Operation.SetAppStatus o) {
            setAppStatus(r, r.id(o.appId()), o.active());
        } else if (op instanceof Operation.DeleteApp o) {
            deleteApp(r, o.appId());
        } else if (op instanceof Operation.AppGroupLinks o) {
            appGroupLinks(r, o);
        } else {
            throw new IllegalStateException("unknown operation " + op.getClass().getName());
        }
    }

    // ------------------------------------------------------------------ users

    private void createUser(Run r, Operation.CreateUser op) {
        String login = op.login();
        JsonNode wanted = op.body().reveal().path("profile");
        ConnectorException lost = null;
        for (int attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
            if (r.resumed && attempt == 1) {
                JsonNode existing = find(r, userPath(login));
                if (existing != null) {
                    requireOurs(r, existing, wanted, "user", "login " + login);
                    takeUser(r, existing, "user " + Json.text(existing, "id") + " with login " + login
                            + " was found: taken as created by the interrupted run, not created again");
                    resetChosenPassword(r, op);
                    return;
                }
            }
            try {
                r.sending();
                JsonNode created = r.w.send("POST", "/api/v1/users", Map.of("activate", String.valueOf(op.activate())),
                        op.body());
                r.newId = Json.text(created, "id");
                rememberUser(r, created, op.activate() ? UserLifecycle.Status.ACTIVE : UserLifecycle.Status.STAGED);
                r.done.add("created user " + login + (r.w.dryRun() ? "" : " (" + Json.text(created, "status") + ")"));
                return;
            } catch (ConnectorException e) {
                if (e.code() != ErrorCode.OUTCOME_UNKNOWN && e.code() != ErrorCode.ALREADY_EXISTS) {
                    throw e;
                }
                // GET by login is strongly consistent (search and filter lag writes): it tells whether the user exists
                JsonNode existing = find(r, userPath(login));
                if (e.code() == ErrorCode.OUTCOME_UNKNOWN) {
                    lost = e;
                    r.ambiguous = true;
                    if (existing == null) {
                        LOG.info("create of user {} had an unknown outcome and the user does not exist: sending it"
                                + " again", login);
                        continue;
                    }
                }
                if (existing != null && r.ambiguous) {
                    requireOurs(r, existing, wanted, "user", "login " + login);
                    takeUser(r, existing, "the connection dropped after the create was sent; user "
                            + Json.text(existing, "id") + " with login " + login + " was found, so it was not created"
                            + " again");
                    return;
                }
                if (existing != null && options.adoptExistingOnCreate()) {
                    adoptUser(r, existing, op);
                    return;
                }
                throw new ConnectorException(ErrorCode.ALREADY_EXISTS, "a user with login " + login
                        + " exists already" + (existing == null ? "" : " (" + Json.text(existing, "id") + ")") + ": "
                        + e.getMessage(), e);
            }
        }
        throw new ConnectorException(ErrorCode.OUTCOME_UNKNOWN, "the outcome stayed unknown after " + CREATE_ATTEMPTS
                + " attempts and no user with login " + login + " exists: " + lost.getMessage(), lost);
    }

    /**
     * An object found after a lost answer (or an interrupted run) is taken as this order's only when it carries what
     * the order asked for and was not created before the order first sent its create: otherwise it existed already.
     */
    private static void requireOurs(Run r, JsonNode found, JsonNode wanted, String kind, String key) {
        String mismatch = mismatch(wanted, kindPart(found, kind));
        r.found = true;
        Instant created = instant(Json.text(found, "created"));
        boolean older = created != null && r.firstSend != null && created.isBefore(r.firstSend.minus(CLOCK_SKEW));
        if (mismatch == null && !older) {
            return;
        }
        throw new ConnectorException(ErrorCode.ALREADY_EXISTS, "a " + kind + " with " + key + " exists ("
                + Json.text(found, "id") + ") but is not the one this order creates ("
                + (older ? "created " + Json.text(found, "created") + ", before this order ran" : mismatch + " differs")
                + "); it was left alone");
    }

    private static JsonNode kindPart(JsonNode found, String kind) {
        return kind.equals("app") ? found : found.path("profile");
    }

    /** @return the first wanted field the object does not have as wanted, or {@code null} */
    private static String mismatch(JsonNode wanted, JsonNode actual) {
        Iterator<Map.Entry<String, JsonNode>> it = wanted.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode a = actual.get(e.getKey());
            JsonNode w = e.getValue();
            boolean same;
            if (a == null || a.isNull()) {
                same = w.isNull();
            } else if (w.isNumber() && a.isNumber()) {
                same = w.decimalValue().compareTo(a.decimalValue()) == 0;
            } else if (w.isTextual() && a.isTextual() && e.getKey().equals("login")) {
                same = w.asText().equalsIgnoreCase(a.asText());
            } else {
                same = w.equals(a);
            }
            if (!same) {
                return e.getKey();
            }
        }
        return null;
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private void takeUser(Run r, JsonNode user, String note) {
        r.newId = Json.text(user, "id");
        rememberUser(r, user, null);
        r.done.add("created user " + Json.text(user.get("profile"), "login") + " (" + Json.text(user, "status") + ")");
        r.notes.add(note);
    }

    /**
     * The interrupted run created the user with a password it chose and may never have delivered: this run chose
     * another one (the plan delivers it), so it is set too. A password the order gives is the same in both runs.
     */
    private void resetChosenPassword(Run r, Operation.CreateUser op) {
        boolean chosen = r.plan.operations().stream().anyMatch(o -> o instanceof Operation.DeliverPassword);
        JsonNode credentials = op.body().reveal().path("credentials");
        if (chosen && credentials.path("password").has("value")) {
            ObjectNode update = Json.object();
            update.putObject("credentials").set("password", credentials.get("password"));
            updateUser(r, r.newId, JsonBody.of(update));
        }
    }

    private void adoptUser(Run r, JsonNode existing, Operation.CreateUser op) {
        String id = Json.text(existing, "id");
        r.newId = id;
        r.found = true;
        rememberUser(r, existing, null);
        r.notes.add("adopted the existing user " + id + " with login " + op.login() + " (AdoptExistingOnCreate)");
        JsonNode body = op.body().reveal();
        ObjectNode update = Json.object();
        if (body.has("profile")) {
            update.set("profile", body.get("profile"));
        }
        if (body.has("credentials")) {
            update.set("credentials", body.get("credentials"));
        }
        updateUser(r, id, JsonBody.of(update));
        List<String> groupIds = new ArrayList<>();
        if (body.has("groupIds")) {
            body.get("groupIds").forEach(g -> groupIds.add(g.asText()));
        }
        if (!groupIds.isEmpty()) {
            userGroupLinks(r, id, LinkChange.Operation.ADD, groupIds);
        }
    }

    private void rememberUser(Run r, JsonNode user, UserLifecycle.Status expected) {
        String id = Json.text(user, "id");
        if (id == null) {
            return;
        }
        String login = Json.text(user.get("profile"), "login");
        if (login != null) {
            r.logins.put(id, login);
        }
        UserLifecycle.Status status = UserLifecycle.Status.parse(Json.text(user, "status")).orElse(expected);
        if (status != null && Json.text(user, "transitioningToStatus") == null) {
            r.statuses.put(id, status);
        } else {
            r.statuses.remove(id);
        }
    }

    private void updateUser(Run r, String id, JsonBody body) {
        JsonNode updated = r.w.send("POST", "/api/v1/users/" + Json.segment(id), Map.of(), body);
        rememberUser(r, updated, null);
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
        r.done.add(String.join("; ", what));
    }

    // ------------------------------------------------------------------ passwords

    private static final Set<UserLifecycle.Status> EXPIRABLE = java.util.EnumSet.of(UserLifecycle.Status.ACTIVE,
            UserLifecycle.Status.PASSWORD_EXPIRED, UserLifecycle.Status.RECOVERY, UserLifecycle.Status.LOCKED_OUT);

    private void expirePassword(Run r, String id) {
        UserLifecycle.Status current = r.statuses.get(id);
        if (current == null) {
            current = r.w.dryRun() && Operation.NEW_ID.equals(id) ? UserLifecycle.Status.ACTIVE : readStatus(r, id);
        }
        if (!EXPIRABLE.contains(current)) {
            r.notes.add("password not expired: Okta expires the passwords of active users only (the user is "
                    + current + ")");
            return;
        }
        JsonNode user = r.w.send("POST", userPath(id) + "/lifecycle/expire_password", Map.of(), null);
        r.statuses.remove(id);
        rememberUser(r, user, UserLifecycle.Status.PASSWORD_EXPIRED);
        r.expired.add(id);
        r.done.add("expired the password (to be changed at the next sign-in)");
    }

    private void resetPasswordByEmail(Run r, String id) {
        // sendEmail=true: Okta mails the reset link itself; with false it would answer the link, which we must not hold
        r.w.send("POST", userPath(id) + "/lifecycle/reset_password", Map.of("sendEmail", "true"), null);
        r.statuses.remove(id);
        r.done.add("Okta e-mailed a password reset link (user in RECOVERY)");
    }

    private void deliverPassword(Run r, String id, io.oktaconnector.api.Secret password) {
        if (r.w.dryRun()) {
            r.notes.add(passwords.settings().notifyUser() ? "the password would be handed to the password notifier"
                    : "the password would not be delivered (notifications are disabled)");
            return;
        }
        if (!passwords.settings().notifyUser()) {
            r.notes.add("password not delivered: notifications are disabled (DisableNotifications)");
            return;
        }
        String login = r.logins.get(id);
        if (login == null) {
            JsonNode user = r.w.get(userPath(id), Map.of());
            login = Json.text(user.get("profile"), "login");
        }
        PasswordNotice notice = new PasswordNotice(passwords.connectionId(), r.plan.order().assignmentId(), id,
                login == null ? "" : login, password, r.expired.contains(id));
        try {
            passwords.notifier().deliver(notice);
        } catch (RuntimeException e) {
            // neither the message nor the stack trace: a notifier may quote the password in either
            LOG.warn("the password notifier {} failed for order {} (user {}): {}",
                    passwords.notifier().getClass().getName(), r.plan.order().assignmentId(), id,
                    e.getClass().getName());
            throw new ConnectorException(ErrorCode.INTERNAL, "the password was set in Okta but the password notifier"
                    + " failed (" + e.getClass().getName() + "), so nobody knows it: send a password reset order");
        }
        r.done.add("password handed to the password notifier");
    }

    private UserLifecycle.Status readStatus(Run r, String id) {
        JsonNode user = r.w.get(userPath(id), Map.of());
        String transitioning = Json.text(user, "transitioningToStatus");
        if (transitioning != null) {
            throw new ConnectorException(ErrorCode.UNAVAILABLE, "user " + id + " is still transitioning to "
                    + transitioning + "; send the order again later");
        }
        String text = Json.text(user, "status");
        return UserLifecycle.Status.parse(text).orElseThrow(() -> new ConnectorException(ErrorCode.PROTOCOL,
                "user " + id + " has the unknown status " + text));
    }

    private void setUserStatus(Run r, String id, UserLifecycle.Status target) {
        UserLifecycle.Status current = r.statuses.get(id);
        if (current == null) {
            current = readStatus(r, id);
        }
        for (int calls = 0; calls < 3; calls++) {
            UserLifecycle.Next next = UserLifecycle.next(current, target);
            if (next instanceof UserLifecycle.Reached reached) {
                if (!reached.note().isEmpty()) {
                    r.notes.add(reached.note());
                } else if (calls == 0) {
                    r.notes.add("status already " + target);
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
                case ACTIVATE -> Map.of("sendEmail", String.valueOf(options.sendActivationEmail()));
                case DEACTIVATE -> Map.of("sendEmail", "false");
                default -> Map.of();
            };
            r.w.send("POST", userPath(id) + "/lifecycle/" + call.action().path(), query, null);
            r.done.add(call.action().done() + " (was " + current + ")");
            r.statuses.remove(id);
            boolean reached = call.expected() == target
                    || (target == UserLifecycle.Status.PROVISIONED && call.expected() == UserLifecycle.Status.ACTIVE);
            if (reached) {
                if (r.w.dryRun()) {
                    r.statuses.put(id, call.expected());
                }
                return;
            }
            // activation may leave a user PROVISIONED rather than ACTIVE: read what Okta made of it
            current = r.w.dryRun() ? call.expected() : readStatus(r, id);
        }
        throw new ConnectorException(ErrorCode.INTERNAL, "the status did not reach " + target + " after 3 lifecycle"
                + " calls; it is " + current);
    }

    private void deleteUser(Run r, String id, FulfillOptions.UserDeletion mode) {
        JsonNode user = find(r, userPath(id));
        if (user == null) {
            r.notes.add("user " + id + " not found: nothing to delete");
            return;
        }
        UserLifecycle.Status status = UserLifecycle.Status.parse(Json.text(user, "status")).orElse(null);
        if (status != UserLifecycle.Status.DEPROVISIONED) {
            r.reserveDestructive(mode == FulfillOptions.UserDeletion.DELETE ? "deleting user " + id : "deactivating user " + id);
            r.w.send("POST", userPath(id) + "/lifecycle/deactivate", Map.of("sendEmail", "false"), null);
            r.done.add("deactivated (was " + status + ")");
        } else if (mode == FulfillOptions.UserDeletion.DEACTIVATE) {
            r.notes.add("already deactivated");
        }
        if (mode == FulfillOptions.UserDeletion.DELETE) {
            r.reserveDestructive("deleting user " + id);
            if (sendUnlessGone(r, "DELETE", userPath(id), Map.of("sendEmail", "false"), null)) {
                r.done.add("deleted");
            } else {
                r.notes.add("user " + id + " was already gone");
            }
        }
    }

    private void userGroupLinks(Run r, String userId, LinkChange.Operation op, List<String> groupIds) {
        Set<String> current = ids(r.w.getAll(userPath(userId) + "/groups", Map.of("limit", PAGE)));
        Tally tally = new Tally(op == LinkChange.Operation.ADD ? "added to " : "removed from ", "group");
        r.done.add(tally);
        for (String g : groupIds) {
            String path = "/api/v1/groups/" + Json.segment(g) + "/users/" + Json.segment(userId);
            link(r, tally, op, current.contains(g), g, path, null);
        }
        tally.notes(r, op == LinkChange.Operation.ADD ? "already in " : "not in ");
    }

    private static String userPath(String idOrLogin) {
        return "/api/v1/users/" + Json.segment(idOrLogin);
    }

    // ------------------------------------------------------------------ groups

    private void createGroup(Run r, Operation.CreateGroup op) {
        String name = op.name();
        JsonNode wanted = op.body().reveal().path("profile");
        ConnectorException lost = null;
        for (int attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
            if ((r.resumed && attempt == 1) || r.ambiguous) {
                JsonNode existing = findGroupByName(r, name);
                if (existing != null) {
                    requireOurs(r, existing, wanted, "group", "name " + name);
                    takeGroup(r, existing, r.ambiguous ? "the connection dropped after the create was sent; group "
                            + Json.text(existing, "id") + " named " + name + " was found, so it was not created again"
                            : "group " + Json.text(existing, "id") + " named " + name + " was found: taken as created"
                            + " by the interrupted run, not created again");
                    return;
                }
            }
            try {
                r.sending();
                JsonNode created = r.w.send("POST", "/api/v1/groups", Map.of(), op.body());
                r.newId = Json.text(created, "id");
                r.seen.put("group:" + r.newId, created);
                r.done.add("created group " + name);
                return;
            } catch (ConnectorException e) {
                if (e.code() == ErrorCode.OUTCOME_UNKNOWN) {
                    lost = e;
                    r.ambiguous = true;
                    continue; // the loop looks the group up before sending again
                }
                if (e.code() != ErrorCode.ALREADY_EXISTS) {
                    throw e;
                }
                JsonNode existing = findGroupByName(r, name);
                if (existing != null && r.ambiguous) {
                    continue; // created by the attempt whose answer was lost: the loop takes it
                }
                if (existing != null && options.adoptExistingOnCreate()) {
                    String id = Json.text(existing, "id");
                    r.newId = id;
                    r.found = true;
                    r.seen.put("group:" + id, existing);
                    r.notes.add("adopted the existing group " + id + " named " + name + " (AdoptExistingOnCreate)");
                    updateGroupProfile(r, id, (ObjectNode) wanted);
                    return;
                }
                throw new ConnectorException(ErrorCode.ALREADY_EXISTS, "a group named " + name + " exists already"
                        + (existing == null ? "" : " (" + Json.text(existing, "id") + ")") + ": " + e.getMessage(), e);
            }
        }
        throw new ConnectorException(ErrorCode.OUTCOME_UNKNOWN, "the outcome stayed unknown after " + CREATE_ATTEMPTS
                + " attempts and no group named " + name + " was found" + (lost == null ? "" : ": " + lost.getMessage()),
                lost);
    }

    private void takeGroup(Run r, JsonNode group, String note) {
        r.newId = Json.text(group, "id");
        r.seen.put("group:" + r.newId, group);
        r.done.add("created group " + Json.text(group.get("profile"), "name"));
        r.notes.add(note);
    }

    private JsonNode findGroupByName(Run r, String name) {
        // q is a prefix match on the name: keep the exact (case-insensitive) match among Okta groups
        for (JsonNode g : r.w.getAll("/api/v1/groups", Map.of("q", name, "limit", PAGE))) {
            JsonNode profile = g.get("profile");
            if (name.equalsIgnoreCase(Json.text(profile, "name")) && "OKTA_GROUP".equals(Json.text(g, "type"))) {
                return g;
            }
        }
        return null;
    }

    private JsonNode group(Run r, String id) {
        JsonNode g = r.seen.get("group:" + id);
        if (g == null) {
            g = find(r, "/api/v1/groups/" + Json.segment(id));
            if (g == null) {
                throw new ConnectorException(ErrorCode.NOT_FOUND, "group " + id + " not found");
            }
            r.seen.put("group:" + id, g);
        }
        return g;
    }

    private static JsonNode requireOktaGroup(JsonNode group) {
        String type = Json.text(group, "type");
        if (type == null || type.equals("OKTA_GROUP")) {
            return group;
        }
        String name = Json.text(group.get("profile"), "name");
        String what = "group " + Json.text(group, "id") + (name == null ? "" : " (" + name + ")") + " is " + type;
        throw new ConnectorException(ErrorCode.REJECTED, what + (type.equals("APP_GROUP")
                ? ": Okta changes only OKTA_GROUP groups; an APP_GROUP is managed in the application it comes from"
                : ": Okta changes only OKTA_GROUP groups; a BUILT_IN group (such as Everyone) cannot be changed"));
    }

    private void updateGroupProfile(Run r, String id, ObjectNode changes) {
        JsonNode group = requireOktaGroup(group(r, id));
        JsonNode before = group.has("profile") ? group.get("profile") : Json.object();
        ObjectNode profile = before.deepCopy();
        changes.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                profile.remove(e.getKey());
            } else {
                profile.set(e.getKey(), e.getValue());
            }
        });
        if (profile.equals(before)) {
            r.notes.add("profile already as requested");
            return;
        }
        ObjectNode body = Json.object();
        body.set("profile", profile);
        JsonNode updated = r.w.send("PUT", "/api/v1/groups/" + Json.segment(id), Map.of(), JsonBody.of(body));
        if (updated.has("id")) {
            r.seen.put("group:" + id, updated);
        }
        List<String> names = new ArrayList<>();
        changes.fieldNames().forEachRemaining(names::add);
        r.done.add("updated " + String.join(", ", names));
    }

    private void deleteGroup(Run r, String id) {
        JsonNode group = find(r, "/api/v1/groups/" + Json.segment(id));
        if (group == null) {
            r.notes.add("group " + id + " not found: nothing to delete");
            return;
        }
        requireOktaGroup(group);
        r.reserveDestructive("deleting group " + id);
        if (sendUnlessGone(r, "DELETE", "/api/v1/groups/" + Json.segment(id), Map.of(), null)) {
            r.done.add("deleted");
        } else {
            r.notes.add("group " + id + " was already gone");
        }
    }

    private void groupUserLinks(Run r, Operation.GroupUserLinks op) {
        String gid = r.id(op.groupId());
        Set<String> current = Set.of();
        if (!r.isNew(op.groupId())) {
            requireOktaGroup(group(r, gid));
            current = ids(r.w.getAll("/api/v1/groups/" + Json.segment(gid) + "/users", Map.of("limit", PAGE)));
        }
        boolean add = op.op() == LinkChange.Operation.ADD;
        Tally tally = new Tally(add ? "added " : "removed ", "user");
        r.done.add(tally);
        for (String u : op.userIds()) {
            String path = "/api/v1/groups/" + Json.segment(gid) + "/users/" + Json.segment(u);
            link(r, tally, op.op(), current.contains(u), u, path, null);
        }
        tally.notes(r, add ? "already members: " : "not members: ");
    }

    private void groupAppLinks(Run r, Operation.GroupAppLinks op) {
        String gid = r.id(op.groupId());
        Set<String> current = Set.of();
        if (!r.isNew(op.groupId())) {
            requireOktaGroup(group(r, gid));
            current = ids(r.w.getAll("/api/v1/groups/" + Json.segment(gid) + "/apps", Map.of("limit", PAGE)));
        }
        boolean add = op.op() == LinkChange.Operation.ADD;
        Tally tally = new Tally(add ? "assigned " : "unassigned ", "app");
        r.done.add(tally);
        for (String a : op.appIds()) {
            String path = "/api/v1/apps/" + Json.segment(a) + "/groups/" + Json.segment(gid);
            link(r, tally, op.op(), current.contains(a), a, path, add ? JsonBody.of(Json.object()) : null);
        }
        tally.notes(r, add ? "already assigned: " : "not assigned: ");
    }

    // ------------------------------------------------------------------ applications

    private void createApp(Run r, Operation.CreateApp op) {
        String label = op.label();
        JsonNode body = op.body().reveal();
        ObjectNode wanted = Json.object();
        wanted.set("label", body.get("label"));
        if (body.has("signOnMode")) {
            wanted.set("signOnMode", body.get("signOnMode"));
        }
        ConnectorException lost = null;
        for (int attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
            if ((r.resumed && attempt == 1) || r.ambiguous) {
                // Okta does not keep labels unique: take the one app with this label, if it is ours
                List<JsonNode> found = findAppsByLabel(r, label);
                if (found.size() > 1) {
                    throw new ConnectorException(ErrorCode.OUTCOME_UNKNOWN, "cannot tell whether the app was created:"
                            + " " + found.size() + " apps are labelled " + label + " (" + String.join(", ",
                            ids(found)) + ")" + (lost == null ? "" : "; " + lost.getMessage()), lost);
                }
                if (found.size() == 1) {
                    JsonNode app = found.get(0);
                    requireOurs(r, app, wanted, "app", "label " + label);
                    r.newId = Json.text(app, "id");
                    r.seen.put("app:" + r.newId, app);
                    r.done.add("created app " + label + " (" + Json.text(app, "status") + ")");
                    r.notes.add((r.ambiguous ? "the connection dropped after the create was sent; " : "")
                            + "app " + r.newId + " labelled " + label + " was found"
                            + (r.ambiguous ? "" : " (left by the interrupted run)") + ", so it was not created again");
                    return;
                }
            }
            try {
                r.sending();
                JsonNode created = r.w.send("POST", "/api/v1/apps", Map.of("activate", String.valueOf(op.activate())),
                        op.body());
                r.newId = Json.text(created, "id");
                r.seen.put("app:" + r.newId, created);
                r.done.add("created app " + label + " (" + (op.activate() ? "ACTIVE" : "INACTIVE") + ")");
                return;
            } catch (ConnectorException e) {
                if (e.code() != ErrorCode.OUTCOME_UNKNOWN) {
                    throw e;
                }
                lost = e;
                r.ambiguous = true;
            }
        }
        throw new ConnectorException(ErrorCode.OUTCOME_UNKNOWN, "the outcome stayed unknown after " + CREATE_ATTEMPTS
                + " attempts and no app labelled " + label + " was found" + (lost == null ? "" : ": "
                + lost.getMessage()), lost);
    }

    private List<JsonNode> findAppsByLabel(Run r, String label) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode a : r.w.getAll("/api/v1/apps", Map.of("q", label, "limit", PAGE))) {
            if (label.equals(Json.text(a, "label"))) {
                found.add(a);
            }
        }
        return found;
    }

    private JsonNode app(Run r, String id) {
        JsonNode a = r.seen.get("app:" + id);
        if (a == null) {
            a = find(r, appPath(id));
            if (a == null) {
                throw new ConnectorException(ErrorCode.NOT_FOUND, "app " + id + " not found");
            }
            r.seen.put("app:" + id, a);
        }
        return a;
    }

    private static String appPath(String id) {
        return "/api/v1/apps/" + Json.segment(id);
    }

    private static final List<String> APP_SYSTEM_FIELDS = List.of("id", "status", "created", "lastUpdated", "_links",
            "_embedded", "orn");

    private void updateApp(Run r, String id, ObjectNode changes) {
        JsonNode app = app(r, id);
        for (String fixed : List.of("name", "signOnMode")) {
            JsonNode wanted = changes.get(fixed);
            if (wanted != null && !wanted.asText().equals(Json.text(app, fixed))) {
                throw new ConnectorException(ErrorCode.REJECTED, "the " + fixed + " of an existing application cannot"
                        + " change (it is " + Json.text(app, fixed) + ", the order asks for " + wanted.asText() + ")");
            }
        }
        ObjectNode before = app.deepCopy();
        APP_SYSTEM_FIELDS.forEach(before::remove);
        ObjectNode after = before.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> it = changes.fields();
        List<String> names = new ArrayList<>();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            names.add(e.getKey());
            if (e.getValue().isNull()) {
                Json.removePath(after, e.getKey());
            } else {
                Json.setPath(after, e.getKey(), e.getValue());
            }
        }
        if (after.equals(before)) {
            r.notes.add("app already as requested");
            return;
        }
        JsonNode updated = r.w.send("PUT", appPath(id), Map.of(), JsonBody.of(after));
        if (updated.has("id")) {
            r.seen.put("app:" + id, updated);
        }
        r.done.add("updated " + String.join(", ", names));
    }

    private void setAppStatus(Run r, String id, boolean active) {
        JsonNode app = app(r, id);
        String wanted = active ? "ACTIVE" : "INACTIVE";
        if (wanted.equals(Json.text(app, "status"))) {
            r.notes.add("status already " + wanted);
            return;
        }
        if (!active) {
            r.reserveDestructive("deactivating app " + id);
        }
        r.w.send("POST", appPath(id) + "/lifecycle/" + (active ? "activate" : "deactivate"), Map.of(), null);
        r.done.add(active ? "activated" : "deactivated");
    }

    private void deleteApp(Run r, String id) {
        JsonNode app = find(r, appPath(id));
        if (app == null) {
            r.notes.add("app " + id + " not found: nothing to delete");
            return;
        }
        r.reserveDestructive("deleting app " + id);
        if ("ACTIVE".equals(Json.text(app, "status"))) {
            // Okta deletes only INACTIVE apps (E0000056)
            r.w.send("POST", appPath(id) + "/lifecycle/deactivate", Map.of(), null);
            r.done.add("deactivated");
        }
        if (sendUnlessGone(r, "DELETE", appPath(id), Map.of(), null)) {
            r.done.add("deleted");
        } else {
            r.notes.add("app " + id + " was already gone");
        }
    }

    private void appGroupLinks(Run r, Operation.AppGroupLinks op) {
        String aid = r.id(op.appId());
        Set<String> current = Set.of();
        if (!r.isNew(op.appId())) {
            app(r, aid);
            current = ids(r.w.getAll(appPath(aid) + "/groups", Map.of("limit", PAGE)));
        }
        boolean add = op.op() == LinkChange.Operation.ADD;
        Tally tally = new Tally(add ? "assigned " : "unassigned ", "group");
        r.done.add(tally);
        for (String g : op.groupIds()) {
            String path = appPath(aid) + "/groups/" + Json.segment(g);
            link(r, tally, op.op(), current.contains(g), g, path, add ? JsonBody.of(Json.object()) : null);
        }
        tally.notes(r, add ? "already assigned: " : "not assigned: ");
    }

    // ------------------------------------------------------------------ shared

    /** Adds or removes one link unless Okta already has it so; notes what was skipped. */
    private void link(Run r, Tally tally, LinkChange.Operation op, boolean exists, String target, String path,
                      JsonBody body) {
        if (op == LinkChange.Operation.ADD) {
            if (exists) {
                tally.skipped.add(target);
            } else {
                r.w.send("PUT", path, Map.of(), body);
                tally.changed.add(target);
            }
        } else if (!exists) {
            tally.skipped.add(target);
        } else if (sendUnlessGone(r, "DELETE", path, Map.of(), null)) {
            tally.changed.add(target);
        } else {
            tally.skipped.add(target);
        }
    }

    /** The links one step changed: prints as "added to groups a, b" in the result message. */
    private static final class Tally {
        final String verb;
        final String noun;
        final Set<String> changed = new LinkedHashSet<>();
        final Set<String> skipped = new LinkedHashSet<>();

        Tally(String verb, String noun) {
            this.verb = verb;
            this.noun = noun;
        }

        void notes(Run r, String prefix) {
            if (!skipped.isEmpty()) {
                r.notes.add(prefix + (prefix.endsWith(": ") ? "" : noun + (skipped.size() > 1 ? "s " : " "))
                        + String.join(", ", skipped) + " (nothing to do)");
            }
            if (changed.isEmpty()) {
                r.done.remove(this);
            }
        }

        @Override
        public String toString() {
            return changed.isEmpty() ? "" : verb + noun + (changed.size() > 1 ? "s " : " ") + String.join(", ", changed);
        }
    }

    /** @return the object, or {@code null} when Okta answers 404 */
    private static JsonNode find(Run r, String path) {
        try {
            return r.w.get(path, Map.of());
        } catch (ConnectorException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    /** @return {@code false} when Okta answers 404 (already gone) */
    private static boolean sendUnlessGone(Run r, String method, String path, Map<String, String> query, JsonBody body) {
        try {
            r.w.send(method, path, query, body);
            return true;
        } catch (ConnectorException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    private static Set<String> ids(List<JsonNode> nodes) {
        Set<String> ids = new LinkedHashSet<>();
        nodes.forEach(n -> {
            String id = Json.text(n, "id");
            if (id != null) {
                ids.add(id);
            }
        });
        return ids;
    }
}
