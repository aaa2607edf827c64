package io.oktaconnector.okta.internal.fulfill;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.FulfillResult;
import io.oktaconnector.api.PlannedCall;
import io.oktaconnector.api.ProvisioningState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;

/**
 * Runs one order's plan against Okta and gives its one result. What depends on Okta's state is read first (a user's
 * status, existing links, a group's type), so a repeated order does no harm: an existing link, a missing one, a
 * reached status or an object already gone end {@code Executed} with a note. A create whose answer was lost is
 * resolved by looking the object up before anything is sent again. Thread-safe: all state is per call.
 */
public final class OrderExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(OrderExecutor.class);

    private final OktaWire wire;
    private final DeleteBudget budget;
    private final Memberships memberships;
    private final UserOps users;
    private final GroupOps groups;
    private final AppOps apps = new AppOps();

    public OrderExecutor(OktaWire wire, FulfillOptions options, DeleteBudget budget) {
        this(wire, options, budget, Passwords.OKTA_EMAIL, Memberships.NONE);
    }

    /**
     * @param wire      the wire
     * @param options   the fulfill options
     * @param budget    the run's cap on deletes and deactivations
     * @param passwords   who receives the passwords the connector sets
     * @param memberships the run's group memberships, read once per group
     */
    OrderExecutor(OktaWire wire, FulfillOptions options, DeleteBudget budget, Passwords passwords,
                  Memberships memberships) {
        this.wire = Objects.requireNonNull(wire, "wire == null");
        this.memberships = Objects.requireNonNull(memberships, "memberships == null");
        Objects.requireNonNull(options, "options == null");
        this.budget = Objects.requireNonNull(budget, "budget == null");
        Objects.requireNonNull(passwords, "passwords == null");
        this.users = new UserOps(options, passwords);
        this.groups = new GroupOps(options);
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
        OrderRun r = new OrderRun(plan, new OrderWire(wire, plan.order().assignmentId(), dryRun), resumed, budget,
                memberships);
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

    /** Dispatches one operation to the steps of its kind. */
    private void step(OrderRun r, Operation op) {
        if (op instanceof Operation.CreateUser o) {
            users.create(r, o);
        } else if (op instanceof Operation.UpdateUser o) {
            users.update(r, r.id(o.userId()), o.body());
        } else if (op instanceof Operation.SetUserStatus o) {
            users.setStatus(r, r.id(o.userId()), o.target());
        } else if (op instanceof Operation.ExpirePassword o) {
            users.expirePassword(r, r.id(o.userId()));
        } else if (op instanceof Operation.ResetPasswordByEmail o) {
            users.resetPasswordByEmail(r, r.id(o.userId()));
        } else if (op instanceof Operation.DeliverPassword o) {
            users.deliverPassword(r, r.id(o.userId()), o.password());
        } else if (op instanceof Operation.DeleteUser o) {
            users.delete(r, o.userId(), o.mode());
        } else if (op instanceof Operation.UserGroupLinks o) {
            users.groupLinks(r, r.id(o.userId()), o.op(), o.groupIds());
        } else if (op instanceof Operation.CreateGroup o) {
            groups.create(r, o);
        } else if (op instanceof Operation.UpdateGroupProfile o) {
            groups.updateProfile(r, r.id(o.groupId()), (ObjectNode) o.changes().reveal());
        } else if (op instanceof Operation.DeleteGroup o) {
            groups.delete(r, o.groupId());
        } else if (op instanceof Operation.GroupUserLinks o) {
            groups.userLinks(r, o);
        } else if (op instanceof Operation.GroupAppLinks o) {
            groups.appLinks(r, o);
        } else if (op instanceof Operation.CreateApp o) {
            apps.create(r, o);
        } else if (op instanceof Operation.UpdateApp o) {
            apps.update(r, r.id(o.appId()), (ObjectNode) o.changes().reveal());
        } else if (op instanceof Operation.SetAppStatus o) {
            apps.setStatus(r, r.id(o.appId()), o.active());
        } else if (op instanceof Operation.DeleteApp o) {
            apps.delete(r, o.appId());
        } else if (op instanceof Operation.AppGroupLinks o) {
            apps.groupLinks(r, o);
        } else {
            throw new IllegalStateException("unknown operation " + op.getClass().getName());
        }
    }
}
