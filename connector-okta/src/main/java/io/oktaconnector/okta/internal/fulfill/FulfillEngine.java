package io.oktaconnector.okta.internal.fulfill;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.FulfillResult;
import io.oktaconnector.api.PlannedCall;
import io.oktaconnector.api.ProvisioningState;
import io.oktaconnector.okta.ProvisioningOrders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a batch of orders: plans each, then executes them on a bounded pool where orders for the same resource form
 * one lane and run in their given order, while different resources run concurrently. Each result goes to the
 * {@link Listener} the moment its order ends. Thread-safe; one batch per {@link #run} call.
 */
public final class FulfillEngine {
    private static final Logger LOG = LoggerFactory.getLogger(FulfillEngine.class);
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final OktaWire wire;
    private final Planner planner;
    private final FulfillOptions options;
    private final Passwords passwords;

    public FulfillEngine(OktaWire wire, EntityMapping mapping, FulfillOptions options) {
        this(wire, mapping, options, Passwords.OKTA_EMAIL);
    }

    /**
     * @param wire      the wire
     * @param mapping   entity types and property identifiers
     * @param options   the fulfill options
     * @param passwords the passwords the connector sets, and who is told
     */
    public FulfillEngine(OktaWire wire, EntityMapping mapping, FulfillOptions options, Passwords passwords) {
        this.wire = Objects.requireNonNull(wire, "wire == null");
        this.options = Objects.requireNonNull(options, "options == null");
        this.passwords = Objects.requireNonNull(passwords, "passwords == null");
        this.planner = new Planner(new EntityResolver(mapping), options, passwords);
    }

    /**
     * One order of a batch.
     *
     * @param index   its position in its file (or request), for the journal
     * @param entry   the order, or why it is malformed
     * @param resumed an interrupted run started it and left no result
     */
    public record Item(int index, ProvisioningOrders.Entry entry, boolean resumed) {
        public Item {
            Objects.requireNonNull(entry, "entry == null");
        }
    }

    /** Told about each order; calls are serialised (never two at once). A throw stops the batch. */
    public interface Listener {
        /** An order is about to run (not called for malformed orders). */
        default void started(Item item) {
        }

        /** An order ended. */
        void ended(Item item, FulfillResult result);
    }

    /**
     * The batch's outcome.
     *
     * @param results one per item, in item order
     * @param calls   per item, in item order: the writes it sent (or planned); empty for an order that did not run
     */
    public record Outcome(List<FulfillResult> results, List<List<PlannedCall>> calls) {
        /** @return the writes sent (or planned), in item order */
        public List<PlannedCall> plan() {
            List<PlannedCall> plan = new ArrayList<>();
            calls.forEach(plan::addAll);
            return plan;
        }
    }

    /**
     * @param items    the orders
     * @param dryRun   plan only: no write is sent
     * @param budget   the run's cap on deletes and deactivations
     * @param listener told of each start and result
     * @return every item's result
     * @throws ConnectorException when the run cannot go on (refused credentials, a listener that cannot journal);
     *                            results already given to the listener stand, items not yet run have none
     */
    public Outcome run(List<Item> items, boolean dryRun, DeleteBudget budget, Listener listener) {
        FulfillResult[] results = new FulfillResult[items.size()];
        @SuppressWarnings("unchecked")
        List<PlannedCall>[] calls = new List[items.size()];
        Object lock = new Object();
        AtomicReference<RuntimeException> fatal = new AtomicReference<>();
        // every order is planned before any runs: the plans tell which groups many orders change (Memberships)
        OrderPlan[] plans = new OrderPlan[items.size()];
        for (int i = 0; i < items.size() && fatal.get() == null; i++) {
            Item item = items.get(i);
            if (item.entry() instanceof ProvisioningOrders.Rejected rejected) {
                end(lock, listener, item, rejected.result(), results, i, fatal);
                continue;
            }
            var order = ((ProvisioningOrders.Accepted) item.entry()).order();
            try {
                plans[i] = planner.plan(order);
            } catch (ConnectorException e) {
                end(lock, listener, item, new FulfillResult(order.assignmentId(), ProvisioningState.Errored,
                        "invalid order: " + e.getMessage(), order.change().type(), resourceId(order)), results,
                        i, fatal);
            }
        }
        Memberships memberships = Memberships.of(Arrays.stream(plans).filter(Objects::nonNull).toList());
        OrderExecutor executor = new OrderExecutor(wire, options, budget, passwords, memberships);
        ExecutorService pool = Executors.newFixedThreadPool(options.concurrency(), threads());
        try {
            Map<String, CompletableFuture<Void>> lanes = new HashMap<>();
            for (int i = 0; i < items.size(); i++) {
                int slot = i;
                Item item = items.get(i);
                OrderPlan plan = plans[i];
                if (fatal.get() != null) {
                    break;
                }
                if (plan == null) {
                    continue; // rejected or invalid: its result is given
                }
                Runnable task = () -> {
                    if (fatal.get() != null) {
                        return;
                    }
                    try {
                        synchronized (lock) {
                            listener.started(item);
                        }
                        OrderExecutor.Outcome outcome = executor.execute(plan, dryRun, item.resumed());
                        calls[slot] = outcome.calls();
                        end(lock, listener, item, outcome.result(), results, slot, fatal);
                    } catch (RuntimeException e) {
                        // refused credentials or a journal that cannot be written: nothing more may run
                        fatal.compareAndSet(null, e);
                    }
                };
                // after every earlier order that shares its resource or one of its links
                List<CompletableFuture<Void>> before = new ArrayList<>();
                List<String> keys = lanes(plan);
                for (String key : keys) {
                    CompletableFuture<Void> prev = lanes.get(key);
                    if (prev != null && !before.contains(prev)) {
                        before.add(prev);
                    }
                }
                CompletableFuture<Void> next = before.isEmpty() ? CompletableFuture.runAsync(task, pool)
                        : CompletableFuture.allOf(before.toArray(new CompletableFuture<?>[0])).handleAsync((v, t) -> {
                            task.run();
                            return null;
                        }, pool);
                keys.forEach(key -> lanes.put(key, next));
            }
            CompletableFuture.allOf(lanes.values().toArray(new CompletableFuture<?>[0])).join();
        } finally {
            pool.shutdownNow();
        }
        if (fatal.get() != null) {
            throw fatal.get();
        }
        return new Outcome(Arrays.asList(results), Arrays.stream(calls).map(c -> c == null ? List.<PlannedCall>of() : c)
                .toList());
    }

    private static void end(Object lock, Listener listener, Item item, FulfillResult result, FulfillResult[] results,
                            int slot, AtomicReference<RuntimeException> fatal) {
        synchronized (lock) {
            results[slot] = result;
            try {
                listener.ended(item, result);
            } catch (RuntimeException e) {
                LOG.debug("the listener refused a result; the batch stops", e);
                fatal.compareAndSet(null, e);
            }
        }
    }

    private static String resourceId(io.oktaconnector.api.ProvisioningOrder order) {
        if (order.change() instanceof io.oktaconnector.api.OrderChange.Modified m) {
            return m.resourceId();
        }
        if (order.change() instanceof io.oktaconnector.api.OrderChange.Deleted d) {
            return d.resourceId();
        }
        return null;
    }

    /**
     * Orders that share a lane run one after the other, in their given order: an order's own resource, and each
     * membership or assignment it changes (so that a group order and a user order changing the same link do not race).
     */
    static List<String> lanes(OrderPlan plan) {
        List<String> keys = new ArrayList<>();
        keys.add(lane(plan));
        for (Operation op : plan.operations()) {
            if (op instanceof Operation.UserGroupLinks l) {
                l.groupIds().forEach(g -> link(keys, "member:", g, l.userId()));
            } else if (op instanceof Operation.GroupUserLinks l) {
                l.userIds().forEach(u -> link(keys, "member:", l.groupId(), u));
            } else if (op instanceof Operation.GroupAppLinks l) {
                l.appIds().forEach(a -> link(keys, "assignment:", l.groupId(), a));
            } else if (op instanceof Operation.AppGroupLinks l) {
                l.groupIds().forEach(g -> link(keys, "assignment:", g, l.appId()));
            }
        }
        return keys;
    }

    private static void link(List<String> keys, String kind, String groupId, String otherId) {
        // a link of an object this order creates cannot be named by any other order
        if (!Operation.NEW_ID.equals(groupId) && !Operation.NEW_ID.equals(otherId)) {
            keys.add(kind + groupId + "|" + otherId);
        }
    }

    /** The lane of an order's own resource. */
    static String lane(OrderPlan plan) {
        if (plan.resourceId() != null) {
            return plan.kind() + ":" + plan.resourceId();
        }
        // an Added order has no id yet: its natural key keeps two creates of one login (name, label) in order
        Operation first = plan.operations().isEmpty() ? null : plan.operations().get(0);
        String key;
        if (first instanceof Operation.CreateUser u) {
            key = u.login();
        } else if (first instanceof Operation.CreateGroup g) {
            key = g.name();
        } else if (first instanceof Operation.CreateApp a) {
            key = a.label();
        } else {
            key = plan.order().assignmentId();
        }
        return plan.kind() + ":new:" + key.toLowerCase(Locale.ROOT);
    }

    private static ThreadFactory threads() {
        int pool = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "okta-fulfill-" + pool + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
