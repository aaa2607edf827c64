package io.oktaconnector.okta.internal.fulfill;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.FulfillResult;
import io.oktaconnector.api.FulfillSummary;
import io.oktaconnector.api.PlannedCall;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.okta.FulfillSettings;
import io.oktaconnector.okta.ProvisioningOrders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Fulfills orders files crash-safely (the contract's journal). Given an orders file, or a directory whose
 * {@code *.json} files are taken in name order:
 * <ol>
 *   <li>every file is read first, so a file that is not JSON stops the run before any order runs;</li>
 *   <li>a file in {@code Completed/} whose journal is still open (an interrupted run) is resumed first: orders with a
 *       result never run again, their rows are re-appended to the results file if it lacks them;</li>
 *   <li>each new file gets its journal, is moved to {@code Completed/} (a unique name if one is taken) before its
 *       first order runs, and each result is appended to the journal and the results file, flushed, as its order
 *       ends.</li>
 * </ol>
 * A dry run moves nothing and writes nothing: it plans. Not thread-safe: one run at a time per orders location.
 */
public final class FulfillRun {
    private static final Logger LOG = LoggerFactory.getLogger(FulfillRun.class);
    /** The folder, beside the orders, that receives each file before its orders run. */
    public static final String COMPLETED = "Completed";

    private final FulfillEngine engine;
    private final FulfillSettings options;
    private final EntityMapping mapping;
    private final LongSupplier requests;

    /**
     * @param engine   runs the orders
     * @param options  the fulfill settings (the delete cap spans the whole run)
     * @param mapping  reads the orders' entity types and property identifiers
     * @param requests counts the HTTP requests sent so far (for the summary)
     */
    public FulfillRun(FulfillEngine engine, FulfillSettings options, EntityMapping mapping, LongSupplier requests) {
        this.engine = Objects.requireNonNull(engine, "engine == null");
        this.options = Objects.requireNonNull(options, "options == null");
        this.mapping = Objects.requireNonNull(mapping, "mapping == null");
        this.requests = Objects.requireNonNull(requests, "requests == null");
    }

    /** One file to work on: a new one still in the orders folder, or one being resumed in {@code Completed/}. */
    private record Work(Path file, ProvisioningOrders orders, OrderJournal journal) {
        boolean resuming() {
            return journal != null;
        }
    }

    /**
     * @param orders   an orders file, or a directory of {@code *.json} files
     * @param results  the results CSV, appended to (created with its header when missing)
     * @param dryRun   plan only: nothing moved, journaled, written or sent
     * @param listener told the pending order count, then each result as its order ends
     * @return every result of the files worked on, and the writes sent (or planned)
     * @throws ConnectorException INVALID_ORDER when a file is not an orders file, IO when a file cannot be read,
     *                            moved or written, AUTHENTICATION when Okta refuses the credentials
     */
    public FulfillSummary run(Path orders, Path results, boolean dryRun, ProgressListener listener) {
        long start = System.nanoTime();
        long requestsBefore = requests.getAsLong();
        if (!Files.exists(orders) && openJournals(orders.toAbsolutePath().getParent().resolve(COMPLETED)).isEmpty()) {
            throw new ConnectorException(ErrorCode.IO, "the orders file or folder " + orders + " does not exist");
        }
        Path dir = Files.isDirectory(orders) ? orders : orders.toAbsolutePath().getParent();
        Path completed = dir.resolve(COMPLETED);
        List<Work> work = new ArrayList<>();
        try {
            for (Path journal : openJournals(completed)) {
                Path file = journal.resolveSibling(journal.getFileName().toString()
                        .substring(0, journal.getFileName().toString().length() - OrderJournal.SUFFIX.length()));
                if (!Files.exists(file)) {
                    // the crash came between creating the journal and moving the file: the file was never taken
                    LOG.info("removing the journal {} of a file that was never moved", journal);
                    delete(journal);
                    continue;
                }
                if (dryRun) {
                    // a dry run previews new files only: it must not touch an interrupted run's journal
                    LOG.info("dry run: not resuming {}", file);
                    continue;
                }
                work.add(new Work(file, ProvisioningOrders.read(file, mapping), OrderJournal.resume(journal)));
            }
            for (Path file : newFiles(orders)) {
                work.add(new Work(file, ProvisioningOrders.read(file, mapping), null));
            }
        } catch (RuntimeException e) {
            work.stream().filter(Work::resuming).forEach(w -> w.journal().close());
            throw e;
        }

        DeleteBudget budget = new DeleteBudget(options.maxDeletesPerRun());
        List<FulfillResult> all = new ArrayList<>();
        List<PlannedCall> plan = new ArrayList<>();
        int[] completedCount = {0};
        List<OrderJournal> opened = new ArrayList<>();
        work.stream().filter(Work::resuming).forEach(w -> opened.add(w.journal()));
        ResultsFile out;
        try {
            out = dryRun ? null : ResultsFile.open(results);
        } catch (RuntimeException e) {
            opened.forEach(FulfillRun::closeQuietly);
            throw e;
        }
        // announced once the results file is open: a host reading OrdersCount:n may count on n results
        safe(() -> listener.ordersCounted(pendingCount(work)));
        try {
            for (Work w : work) {
                OrderJournal journal = w.journal();
                Path file = w.file();
                if (!dryRun && !w.resuming()) {
                    Path target = uniqueTarget(completed, file.getFileName().toString());
                    journal = OrderJournal.create(OrderJournal.of(target));
                    opened.add(journal);
                    move(file, target, journal);
                    file = target;
                }
                Map<Integer, FulfillResult> done = journal == null ? Map.of() : journal.results();
                List<FulfillEngine.Item> items = new ArrayList<>();
                FulfillResult[] fileResults = new FulfillResult[w.orders().size()];
                for (ProvisioningOrders.Entry e : w.orders().entries()) {
                    FulfillResult previous = done.get(e.index());
                    if (previous != null) {
                        fileResults[e.index()] = previous;
                        if (!out.has(previous.assignmentId())) {
                            out.append(previous);
                        }
                    } else {
                        items.add(new FulfillEngine.Item(e.index(), e, journal != null && journal.wasStarted(e.index())));
                    }
                }
                if (w.resuming()) {
                    LOG.info("resuming {}: {} of {} orders have a result", file, done.size(), w.orders().size());
                }
                OrderJournal j = journal;
                FulfillEngine.Outcome outcome = engine.run(items, dryRun, budget, new FulfillEngine.Listener() {
                    @Override
                    public void started(FulfillEngine.Item item) {
                        if (j != null) {
                            j.started(item.index());
                        }
                    }

                    @Override
                    public void ended(FulfillEngine.Item item, FulfillResult result) {
                        if (j != null) {
                            j.ended(item.index(), result);
                            out.append(result);
                        }
                        int k = ++completedCount[0];
                        safe(() -> listener.orderCompleted(result, k));
                    }
                });
                for (int i = 0; i < items.size(); i++) {
                    fileResults[items.get(i).index()] = outcome.results().get(i);
                }
                plan.addAll(outcome.plan());
                all.addAll(List.of(fileResults));
                if (journal != null) {
                    journal.finish();
                }
            }
        } finally {
            opened.forEach(FulfillRun::closeQuietly);
            if (out != null) {
                out.close();
            }
        }
        return new FulfillSummary(all, plan, requests.getAsLong() - requestsBefore,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static int pendingCount(List<Work> work) {
        int pending = 0;
        for (Work w : work) {
            pending += w.orders().size() - (w.resuming() ? w.journal().results().size() : 0);
        }
        return pending;
    }

    private static void safe(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.debug("a progress listener failed; ignored", e);
        }
    }

    private static void closeQuietly(OrderJournal j) {
        try {
            j.close();
        } catch (RuntimeException e) {
            LOG.debug("closing a journal failed", e);
        }
    }

    private static List<Path> openJournals(Path completed) {
        List<Path> journals = new ArrayList<>();
        if (!Files.isDirectory(completed)) {
            return journals;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(completed, "*" + OrderJournal.SUFFIX)) {
            ds.forEach(journals::add);
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.IO, "cannot list " + completed + ": " + e.getMessage(), e);
        }
        journals.sort(null);
        return journals;
    }

    private static List<Path> newFiles(Path orders) {
        if (!Files.isDirectory(orders)) {
            if (!Files.exists(orders)) {
                // a single file already moved by an interrupted run is resumed from Completed/; nothing new
                return List.of();
            }
            return List.of(orders);
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(orders, "*.json")) {
            ds.forEach(p -> {
                if (Files.isRegularFile(p)) {
                    files.add(p);
                }
            });
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.IO, "cannot list the orders folder " + orders + ": "
                    + e.getMessage(), e);
        }
        files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return files;
    }

    private static Path uniqueTarget(Path completed, String name) {
        try {
            Files.createDirectories(completed);
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.IO, "cannot create " + completed + ": " + e.getMessage(), e);
        }
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        Path target = completed.resolve(name);
        for (int n = 1; taken(target); n++) {
            target = completed.resolve(base + "-" + n + ext);
        }
        return target;
    }

    private static boolean taken(Path target) {
        return Files.exists(target) || Files.exists(OrderJournal.of(target))
                || Files.exists(target.resolveSibling(target.getFileName() + OrderJournal.DONE_SUFFIX));
    }

    private static void move(Path from, Path to, OrderJournal journal) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            journal.close();
            delete(OrderJournal.of(to));
            throw new ConnectorException(ErrorCode.IO, "cannot move " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.debug("cannot delete {}", p, e);
        }
    }
}
