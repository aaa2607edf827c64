package io.oktaconnector.okta.internal.fulfill;

import com.fasterxml.jackson.databind.JsonNode;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.FulfillResult;
import io.oktaconnector.api.ProvisioningState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One order's state while it runs, and the reads and deletes every kind of step shares. Not thread-safe. */
final class OrderRun {
    static final String PAGE = "200";

    final OrderPlan plan;
    final OrderWire w;
    final boolean resumed;
    final StepLog done = new StepLog();
    final List<String> notes = new ArrayList<>();
    final Map<String, JsonNode> seen = new HashMap<>();
    final Map<String, UserLifecycle.Status> statuses = new HashMap<>();
    final Map<String, String> logins = new HashMap<>();
    final Set<String> expired = new HashSet<>();
    final Memberships memberships;
    private final DeleteBudget budget;
    String newId;
    boolean ambiguous;
    boolean reserved;
    Instant firstSend;
    boolean found; // the "created" object was found rather than made: its links are read, not assumed empty

    OrderRun(OrderPlan plan, OrderWire w, boolean resumed, DeleteBudget budget, Memberships memberships) {
        this.plan = plan;
        this.memberships = memberships;
        this.w = w;
        this.resumed = resumed;
        this.budget = budget;
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

    /**
     * @param created Okta's answer to a create
     * @param noun    "user", "group" or "app", for the message
     * @return the new object's id
     * @throws ConnectorException OUTCOME_UNKNOWN when a 2xx answer has no id: the object may or may not exist, so the
     *                            create is reconciled by a look-up like any lost answer, never sent blindly again
     */
    String createdId(JsonNode created, String noun) {
        String id = Json.text(created, "id");
        if (id == null || id.isEmpty()) {
            throw new ConnectorException(ErrorCode.OUTCOME_UNKNOWN, "Okta answered the create of the " + noun
                    + " without its id; the " + noun + " may or may not have been created");
        }
        return id;
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
        String summary = done.summary();
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

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ").strip();
    }

    /** @return the object, or {@code null} when Okta answers 404 */
    JsonNode find(String path) {
        try {
            return w.get(path, Map.of());
        } catch (ConnectorException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return null;
            }
            throw e;
        }
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
            seen.put(noun + ":" + id, o);
        }
        return o;
    }

    /** @return {@code false} when Okta answers 404 (already gone) */
    boolean sendUnlessGone(String method, String path, Map<String, String> query, JsonBody body) {
        try {
            w.send(method, path, query, body);
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
            done.add("deleted");
        } else {
            notes.add(noun + " " + id + " was already gone");
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
