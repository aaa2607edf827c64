package io.oktaconnector.okta.internal.fulfill;

import com.fasterxml.jackson.databind.JsonNode;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.FulfillResult;
import io.oktaconnector.api.ProvisioningState;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One order while it runs: what is fixed for it (its plan, its wire, whether it resumes an interrupted run, and the
 * {@link Shared} state of the whole run), what it learns and does (its {@link OrderReport}, the {@link NewObject} it
 * creates, the {@link UserStates} it reads), and the reads and deletes every kind of step shares. Not thread-safe.
 */
final class OrderRun {
    static final String PAGE = "200";

    /**
     * What every order of one run shares. Both parts are thread-safe.
     *
     * @param budget      the run's cap on deletes and deactivations
     * @param memberships the run's group memberships, read once per group
     */
    record Shared(DeleteBudget budget, Memberships memberships) {
        Shared {
            Objects.requireNonNull(budget, "budget == null");
            Objects.requireNonNull(memberships, "memberships == null");
        }
    }

    private final OrderPlan plan;
    private final OrderWire wire;
    private final boolean resumed;
    private final Shared shared;
    private final OrderReport report;
    private final NewObject created = new NewObject();
    private final UserStates users = new UserStates();
    private final Map<String, JsonNode> seen = new HashMap<>();
    private boolean reserved;

    /**
     * @param plan    the order's plan
     * @param wire    the order's view of the wire
     * @param resumed an interrupted run started the order and left no result
     * @param shared  what the run's orders share
     */
    OrderRun(OrderPlan plan, OrderWire wire, boolean resumed, Shared shared) {
        this.plan = Objects.requireNonNull(plan, "plan == null");
        this.wire = Objects.requireNonNull(wire, "wire == null");
        this.resumed = resumed;
        this.shared = Objects.requireNonNull(shared, "shared == null");
        this.report = new OrderReport(plan.notes());
    }

    OrderWire wire() {
        return wire;
    }

    /** @return whether an interrupted run started this order: a create first looks for what that run made */
    boolean resumed() {
        return resumed;
    }

    String assignmentId() {
        return plan.order().assignmentId();
    }

    OrderReport report() {
        return report;
    }

    NewObject created() {
        return created;
    }

    UserStates users() {
        return users;
    }

    Memberships memberships() {
        return shared.memberships();
    }

    /**
     * @param created Okta's answer to a create
     * @param noun    "user", "group" or "app", for the message
     * @return the new object's id
     * @throws ConnectorException OUTCOME_UNKNOWN when a 2xx answer has no id: the object may or may not exist, so the
     *                            create is reconciled by a look-up like any lost answer, never sent blindly again
     */
    static String createdId(JsonNode created, String noun) {
        String id = Json.text(created, "id");
        if (id == null || id.isEmpty()) {
            throw new ConnectorException(ErrorCode.OUTCOME_UNKNOWN, "Okta answered the create of the " + noun
                    + " without its id; the " + noun + " may or may not have been created");
        }
        return id;
    }

    /** @return the step as the result message names it, the created object's id filled in once known */
    String describe(Operation op) {
        if (op == null) {
            return plan.kind().label() + " order";
        }
        String d = op.describe();
        return created.id() == null ? d : d.replace(Operation.NEW_ID, created.id());
    }

    /**
     * Takes this order's one unit of the run's cap on deletes and deactivations, unless it has it already.
     *
     * @param what the destructive step, for the message
     * @throws ConnectorException REJECTED when the cap is reached
     */
    void reserveDestructive(String what) {
        if (reserved) {
            return;
        }
        DeleteBudget budget = shared.budget();
        if (!budget.tryTake()) {
            throw new ConnectorException(ErrorCode.REJECTED, "not done: " + what + " would pass MaxDeletesPerRun ("
                    + budget.max() + "), the safety cap on deletes and deactivations in one run; raise the setting"
                    + " or split the orders");
        }
        reserved = true;
    }

    FulfillResult result(ProvisioningState state, String error) {
        String newId = created.id();
        String resourceId = plan.resourceId() != null ? plan.resourceId()
                : newId != null && !Operation.NEW_ID.equals(newId) ? newId : null;
        return new FulfillResult(plan.order().assignmentId(), state, report.message(state, error, wire.dryRun()),
                plan.order().change().type(), resourceId);
    }

    /** @return the object, or {@code null} when Okta answers 404 */
    JsonNode find(String path) {
        try {
            return wire.get(path, Map.of());
        } catch (ConnectorException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    /**
     * @param noun   "group" or "app"
     * @param object the object as Okta last answered it
     */
    void remember(String noun, String id, JsonNode object) {
        seen.put(noun + ":" + id, object);
    }

    /**
     * @param noun "group" or "app": the cache key's prefix and the message's subject
     * @return the object as this order last saw it, read once
     * @throws ConnectorException {@link ErrorCode#NOT_FOUND} when Okta does not have it
     */
    JsonNode known(String noun, String id, String path) {
        JsonNode o = seen.get(noun + ":" + id);
        if (o == null) {
            o = find(path);
            if (o == null) {
                throw new ConnectorException(ErrorCode.NOT_FOUND, noun + " " + id + " not found");
            }
            remember(noun, id, o);
        }
        return o;
    }

    /** @return {@code false} when Okta answers 404 (already gone) */
    boolean sendUnlessGone(String method, String path, Map<String, String> query, JsonBody body) {
        try {
            wire.send(method, path, query, body);
            return true;
        } catch (ConnectorException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** Deletes an object unless it is gone already; either way the result says so. */
    void deleteUnlessGone(String noun, String id, String path, Map<String, String> query) {
        if (sendUnlessGone("DELETE", path, query, null)) {
            report.did("deleted");
        } else {
            report.note(noun + " " + id + " was already gone");
        }
    }

    static Set<String> ids(List<JsonNode> nodes) {
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
