package io.oktaconnector.okta.internal.fulfill;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.FulfillResult;
import io.oktaconnector.api.PlannedCall;
import io.oktaconnector.api.ProvisioningState;
import io.oktaconnector.okta.FulfillSettings;
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
    private final OrderRun.Shared shared;
    private final UserOps users;
    private final GroupOps groups;
    private final AppOps apps = new AppOps();

    /**
     * @param wire        the wire
     * @param settings    the connection's fulfill settings
     * @param budget      the run's cap on deletes and deactivations
     * @param passwords   who receives the passwords the connector sets
     * @param memberships the run's group memberships, read once per group
     */
    OrderExecutor(OktaWire wire, FulfillSettings settings, DeleteBudget budget, Passwords passwords,
                  Memberships memberships) {
        this.wire = Objects.requireNonNull(wire, "wire == null");
        Objects.requireNonNull(settings, "settings == null");
        this.shared = new OrderRun.Shared(budget, memberships);
        Objects.requireNonNull(passwords, "passwords == null");
        this.users = new UserOps(settings, passwords);
        this.groups = new GroupOps(settings);
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
        OrderRun r = new OrderRun(plan, new OrderWire(wire, plan.order().assignmentId(), dryRun), resumed, shared);
        Steps steps = new Steps(r);
        Operation current = null;
        try {
            for (Operation op : plan.operations()) {
                current = op;
                op.accept(steps);
            }
            return new Outcome(r.result(ProvisioningState.Executed, ""), r.wire().calls());
        } catch (ConnectorException e) {
            if (e.code() == ErrorCode.AUTHENTICATION) {
                throw e;
            }
            return new Outcome(r.result(ProvisioningState.Errored, r.describe(current) + ": " + e.getMessage()),
                    r.wire().calls());
        } catch (RuntimeException e) {
            LOG.warn("order {} failed unexpectedly in '{}'", plan.order().assignmentId(), r.describe(current), e);
            return new Outcome(r.result(ProvisioningState.Errored, r.describe(current) + ": internal error "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())),
                    r.wire().calls());
        }
    }

    /** Runs each kind of step of one order with the steps on its kind of object. */
    private final class Steps implements Operation.Visitor {
        private final OrderRun r;

        Steps(OrderRun r) {
            this.r = r;
        }

        @Override
        public void createUser(Operation.CreateUser op) {
            users.create(r, op);
        }

        @Override
        public void updateUser(Operation.UpdateUser op) {
            users.update(r, r.created().id(op.userId()), op.body());
        }

        @Override
        public void setUserStatus(Operation.SetUserStatus op) {
            users.setStatus(r, r.created().id(op.userId()), op.target());
        }

        @Override
        public void expirePassword(Operation.ExpirePassword op) {
            users.expirePassword(r, r.created().id(op.userId()));
        }

        @Override
        public void resetPasswordByEmail(Operation.ResetPasswordByEmail op) {
            users.resetPasswordByEmail(r, r.created().id(op.userId()));
        }

        @Override
        public void deliverPassword(Operation.DeliverPassword op) {
            users.deliverPassword(r, r.created().id(op.userId()), op.password());
        }

        @Override
        public void deleteUser(Operation.DeleteUser op) {
            users.delete(r, op.userId(), op.mode());
        }

        @Override
        public void userGroupLinks(Operation.UserGroupLinks op) {
            users.groupLinks(r, r.created().id(op.userId()), op.op(), op.groupIds());
        }

        @Override
        public void createGroup(Operation.CreateGroup op) {
            groups.create(r, op);
        }

        @Override
        public void updateGroupProfile(Operation.UpdateGroupProfile op) {
            groups.updateProfile(r, r.created().id(op.groupId()), (ObjectNode) op.changes().reveal());
        }

        @Override
        public void deleteGroup(Operation.DeleteGroup op) {
            groups.delete(r, op.groupId());
        }

        @Override
        public void groupUserLinks(Operation.GroupUserLinks op) {
            groups.userLinks(r, op);
        }

        @Override
        public void groupAppLinks(Operation.GroupAppLinks op) {
            groups.appLinks(r, op);
        }

        @Override
        public void createApp(Operation.CreateApp op) {
            apps.create(r, op);
        }

        @Override
        public void updateApp(Operation.UpdateApp op) {
            apps.update(r, r.created().id(op.appId()), (ObjectNode) op.changes().reveal());
        }

        @Override
        public void setAppStatus(Operation.SetAppStatus op) {
            apps.setStatus(r, r.created().id(op.appId()), op.active());
        }

        @Override
        public void deleteApp(Operation.DeleteApp op) {
            apps.delete(r, op.appId());
        }

        @Override
        public void appGroupLinks(Operation.AppGroupLinks op) {
            apps.groupLinks(r, op);
        }
    }
}
