package io.oktaconnector.okta.internal.fulfill;

import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.FulfillRequest;
import io.oktaconnector.api.FulfillSummary;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.okta.ProvisioningOrders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * What {@code OktaConnector}'s fulfill entry points delegate to: typed orders, or orders files with their journal.
 * One instance per call.
 */
public final class Fulfillment {
    private static final Logger LOG = LoggerFactory.getLogger(Fulfillment.class);

    private final OktaWire wire;
    private final OktaSettings settings;
    private final EntityMapping mapping;
    private final LongSupplier requests;
    private final Passwords passwords;

    /**
     * @param wire      the wire (over a per-run view of the request layer)
     * @param settings  the connection's settings (fulfill settings, UserDeleteMode, MaxConcurrency)
     * @param mapping   the entity mapping for entity types and property identifiers
     * @param requests  the run's request count so far
     * @param passwords the passwords the connector sets, and who is told
     */
    public Fulfillment(OktaWire wire, OktaSettings settings, EntityMapping mapping, LongSupplier requests,
                       Passwords passwords) {
        this.wire = Objects.requireNonNull(wire, "wire == null");
        this.settings = Objects.requireNonNull(settings, "settings == null");
        this.mapping = Objects.requireNonNull(mapping, "mapping == null");
        this.requests = Objects.requireNonNull(requests, "requests == null");
        this.passwords = Objects.requireNonNull(passwords, "passwords == null");
    }

    /**
     * Applies typed orders.
     *
     * @param request the orders, dry-run flag and listener
     * @return one result per order, in order
     */
    public FulfillSummary orders(FulfillRequest request) {
        List<ProvisioningOrders.Entry> entries = new ArrayList<>();
        for (int i = 0; i < request.orders().size(); i++) {
            entries.add(new ProvisioningOrders.Accepted(i, request.orders().get(i)));
        }
        return entries(entries, request.dryRun(), request.listener());
    }

    /**
     * Applies the entries of an orders file: accepted orders run, each rejected one gets its {@code Errored} result in
     * its place.
     *
     * @param entries  the entries, in order
     * @param dryRun   plan only
     * @param listener progress
     * @return one result per entry, in order
     */
    public FulfillSummary entries(List<ProvisioningOrders.Entry> entries, boolean dryRun, ProgressListener listener) {
        long start = System.nanoTime();
        long before = requests.getAsLong();
        List<FulfillEngine.Item> items = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            items.add(new FulfillEngine.Item(i, entries.get(i), false));
        }
        safe(() -> listener.ordersCounted(items.size()));
        int[] completed = {0};
        FulfillEngine.Outcome outcome = new FulfillEngine(wire, mapping, settings, passwords).run(items, dryRun,
                new DeleteBudget(settings.fulfill().maxDeletesPerRun()), (item, result) -> {
                    int k = ++completed[0];
                    safe(() -> listener.orderCompleted(result, k));
                });
        return new FulfillSummary(outcome.results(), outcome.plan(), requests.getAsLong() - before,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Fulfills an orders file or folder crash-safely; see {@link FulfillRun}.
     *
     * @param orders   a file, or a folder of {@code *.json}
     * @param results  the results CSV
     * @param dryRun   plan only
     * @param listener progress
     * @return the results of the files worked on
     */
    public FulfillSummary files(Path orders, Path results, boolean dryRun, ProgressListener listener) {
        FulfillEngine engine = new FulfillEngine(wire, mapping, settings, passwords);
        return new FulfillRun(engine, settings.fulfill(), mapping, requests).run(orders, results, dryRun, listener);
    }

    private static void safe(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.debug("a progress listener failed; ignored", e);
        }
    }
}
