package io.oktaconnector.okta.internal.fulfill;

import io.oktaconnector.api.AttributeValue;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.FulfillResult;
import io.oktaconnector.api.OrderChange;
import io.oktaconnector.api.PlannedCall;
import io.oktaconnector.api.ProvisioningOrder;
import io.oktaconnector.api.ProvisioningState;
import io.oktaconnector.okta.FulfillSettings;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.okta.ProvisioningOrders;
import io.oktaconnector.okta.internal.secret.Redactor;
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
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Runs a batch of orders: plans each, then executes them on a bounded pool where orders for the same resource form
 * one lane and run in their given order, while different resources run concurrently. Each result goes to the
 * {@link Listener} the moment its order ends. Thread-safe; one batch per {@link #run} call.
 *
 * <p>Every result leaves through {@link #end}, where its message is cleaned by the run's secrets
 * ({@link OktaWire#secrets()}): the passwords the orders give (registered before an order is planned) and whatever the
 * wire sent, so that no results row, journal line or listener sees a password a server echoed.
 */
public final class FulfillEngine {
    private static final Logger LOG = LoggerFactory.getLogger(FulfillEngine.class);
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final OktaWire wire;
    private final Planner planner;
    private final FulfillSettings settings;
    private final int concurrency;
    private final Passwords passwords;

    /**
     * @param wire      the wire
     * @param mapping   entity types and property identifiers
     * @param settings  the connection's settings: its fulfill settings, {@code UserDeleteMode} and
     *                  {@code MaxConcurrency} (orders run at once)
     * @param passwords the passwords the connector sets, and who is told
     */
    public FulfillEngine(OktaWire wire, EntityMapping mapping, OktaSettings settings, Passwords passwords) {
        this.wire = Objects.requireNonNull(wire, "wire == null");
        Objects.requireNonNull(settings, "settings == null");
        this.settings = settings.fulfill();
        this.concurrency = settings.maxConcurrency();
        this.passwords = Objects.requireNonNull(passwords, "passwords == null");
        this.planner = new Planner(new EntityResolver(mapping), settings.fulfill(), settings.userDeleteMode(),
                passwords);
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
        Batch batch = new Batch(items, listener);
        // every order is planned before any runs: the plans tell which groups many orders change (Memberships)
        OrderPlan[] plans = batch.plan();
        Memberships memberships = Memberships.of(Arrays.stream(plans).filter(Objects::nonNull).toList());
        OrderExecutor executor = new OrderExecutor(wire, settings, budget, passwords, memberships);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, threads());
        try {
            batch.execute(plans, executor, dryRun, pool);
        } finally {
            pool.shutdownNow();
        }
        return batch.outcome();
    }

    /** One batch while it runs: its results so far, and the failure that stops it. */
    private final class Batch {
        private final List<Item> items;
        private final Listener listener;
        private final FulfillResult[] results;
        private final AtomicReferenceArray<List<PlannedCall>> calls;
        private final Object lock = new Object();
        private final AtomicReference<RuntimeException> fatal = new AtomicReference<>();

        Batch(List<Item> items, Listener listener) {
            this.items = items;
            this.listener = listener;
            this.results = new FulfillResult[items.size()];
            this.calls = new AtomicReferenceArray<>(items.size());
        }

        /** @return each item's plan; {@code null} for a rejected or invalid order, whose result is given */
        OrderPlan[] plan() {
            OrderPlan[] plans = new OrderPlan[items.size()];
            for (int i = 0; i < items.size() && fatal.get() == null; i++) {
                Item item = items.get(i);
                if (item.entry() instanceof ProvisioningOrders.Rejected rejected) {
                    end(item, rejected.result(), i);
                    continue;
                }
                var order = ((ProvisioningOrders.Accepted) item.entry()).order();
                registerSecrets(order);
                try {
                    plans[i] = planner.plan(order);
                } catch (ConnectorException e) {
                    end(item, new FulfillResult(order.assignmentId(), ProvisioningState.Errored,
                            "invalid order: " + e.getMessage(), order.change().type(), resourceId(order)), i);
                }
            }
            return plans;
        }

        /** Runs the planned orders on the pool, each after the earlier orders of its lanes; waits for all. */
        void execute(OrderPlan[] plans, OrderExecutor executor, boolean dryRun, ExecutorService pool) {
            Map<String, CompletableFuture<Void>> lanes = new HashMap<>();
            for (int i = 0; i < items.size() && fatal.get() == null; i++) {
                if (plans[i] == null) {
                    continue; // rejected or invalid: its result is given
                }
                Runnable task = task(i, plans[i], executor, dryRun);
                // after every earlier order that shares its resource or one of its links
                List<CompletableFuture<Void>> before = new ArrayList<>();
                List<String> keys = lanes(plans[i]);
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
        }

        private Runnable task(int slot, OrderPlan plan, OrderExecutor executor, boolean dryRun) {
            Item item = items.get(slot);
            return () -> {
                if (fatal.get() != null) {
                    return;
                }
                try {
                    synchronized (lock) {
                        listener.started(item);
                    }
                    OrderExecutor.Outcome outcome = executor.execute(plan, dryRun, item.resumed());
                    calls.set(slot, outcome.calls());
                    end(item, outcome.result(), slot);
                } catch (RuntimeException e) {
                    // refused credentials or a journal that cannot be written: nothing more may run
                    fatal.compareAndSet(null, e);
                }
            };
        }

        private void end(Item item, FulfillResult raw, int slot) {
            FulfillResult result = redacted(raw);
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

        /** @throws RuntimeException the failure that stopped the batch */
        Outcome outcome() {
            if (fatal.get() != null) {
                throw fatal.get();
            }
            List<List<PlannedCall>> perItem = new ArrayList<>(calls.length());
            for (int i = 0; i < calls.length(); i++) {
                perItem.add(calls.get(i) == null ? List.of() : calls.get(i));
            }
            return new Outcome(Arrays.asList(results), perItem);
        }
    }

    /** @return the result with every secret the run knows hidden in its message */
    private FulfillResult redacted(FulfillResult r) {
        String message = wire.secrets().redact(r.message());
        return message.equals(r.message()) ? r
                : new FulfillResult(r.assignmentId(), r.state(), message, r.changeType(), r.resourceId());
    }

    /** Registers the values the order gives under a secret key (a password), before anything can echo them. */
    private void registerSecrets(ProvisioningOrder order) {
        Map<String, AttributeValue> attributes;
        if (order.change() instanceof OrderChange.Added a) {
            attributes = a.attributes();
        } else if (order.change() instanceof OrderChange.Modified m) {
            attributes = m.attributes();
        } else {
            return;
        }
        Redactor secrets = wire.secrets();
        attributes.forEach((key, value) -> {
            if (JsonBody.isSecretKey(key)) {
                registerText(secrets, value);
            }
        });
    }

    private static void registerText(Redactor secrets, AttributeValue value) {
        if (value instanceof AttributeValue.Text t) {
            secrets.register(t.value());
        } else if (value instanceof AttributeValue.Multi m) {
            m.values().forEach(v -> registerText(secrets, v));
        }
    }

    private static String resourceId(ProvisioningOrder order) {
        if (order.change() instanceof OrderChange.Modified m) {
            return m.resourceId();
        }
        if (order.change() instanceof OrderChange.Deleted d) {
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
            for (Operation.Link l : op.links()) {
                // a link of an object this order creates cannot be named by any other order
                if (!l.namesNewObject()) {
                    keys.add((l.kind() == Operation.LinkKind.MEMBER ? "member:" : "assignment:") + l.groupId() + "|"
                            + l.otherId());
                }
            }
        }
        return keys;
    }

    /** The lane of an order's own resource. */
    static String lane(OrderPlan plan) {
        if (plan.resourceId() != null) {
            return plan.kind() + ":" + plan.resourceId();
        }
        // an Added order has no id yet: its natural key keeps two creates of one login (name, label) in order
        String key = plan.operations().isEmpty() ? plan.order().assignmentId()
                : plan.operations().get(0).naturalKey().orElse(plan.order().assignmentId());
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
