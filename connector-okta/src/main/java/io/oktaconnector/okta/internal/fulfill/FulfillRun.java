package io.oktaconnector.okta.internal.fulfill;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.FulfillResult;
import io.oktaconnector.api.FulfillSummary;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.okta.FulfillSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Fulfills orders files crash-safely (the contract's journal). Given an orders file, or a directory whose
 * {@code *.json} files are taken in name order:
 * <ol>
 *   <li>every file is read through first, so a file that is not JSON stops the run before any order runs;</li>
 *   <li>a file in {@code Completed/} whose journal is still open (an interrupted run) is resumed first: orders with a
 *       result never run again, their rows are re-appended to the results file if it lacks them;</li>
 *   <li>each new file gets its journal, is moved to {@code Completed/} (a unique name if one is taken) before its
 *       first order runs, and each result is appended to the journal and the results file, flushed, as its order
 *       ends.</li>
 * </ol>
 * Memory does not grow with the orders: a file is read twice as a stream (once to check, count and measure it, once
 * to run it in batches of {@link Limits#batch()} orders or {@link Limits#batchBytes()} bytes; an order larger than
 * {@link OrdersParser#MAX_ORDER_BYTES} is malformed), a resumed journal is remembered as bits, and the summary keeps
 * the results of the first {@link Limits#keptResults()} orders only (the results file has them all). A {@code Completed}
 * that is a link, or not a folder inside the orders folder, is refused before anything is read or moved.
 * A dry run moves nothing and writes nothing: it plans. Not thread-safe: one run at a time per orders location.
 */
public final class FulfillRun {
    private static final Logger LOG = LoggerFactory.getLogger(FulfillRun.class);
    /** The folder, beside the orders, that receives each file before its orders run. */
    public static final String COMPLETED = "Completed";

    /**
     * How much a run holds in memory at once.
     *
     * @param batch       orders planned and run together (what the engine holds: plans, lanes, results)
     * @param batchBytes  a batch also ends once its orders' JSON reaches this many bytes (large orders hold much)
     * @param keptResults orders whose results the summary keeps, in file order
     * @param keptCalls   calls of those orders the summary keeps (an order's calls are kept whole or not at all)
     * @param reappendIds assignment ids compared with the results file at a time when a resumed file's results are
     *                    re-appended
     */
    public record Limits(int batch, long batchBytes, int keptResults, int keptCalls, int reappendIds) {
        /**
         * Batches of 1,000 orders or 512 KB of orders, 1,000 results and 10,000 calls kept (a host's usual batch; a
         * result with Okta's error message takes some 500 bytes), 20,000 ids compared at a time: some MB each.
         */
        public static final Limits DEFAULTS = new Limits(1_000, 1L << 19, 1_000, 10_000, 20_000);

        public Limits {
            if (batch < 1 || batchBytes < 1 || keptResults < 0 || keptCalls < 0 || reappendIds < 1) {
                throw new IllegalArgumentException("limits out of range: " + batch + ", " + batchBytes + ", "
                        + keptResults + ", " + keptCalls + ", " + reappendIds);
            }
        }
    }

    private final FulfillEngine engine;
    private final FulfillSettings options;
    private final EntityMapping mapping;
    private final LongSupplier requests;
    private final Limits limits;

    /**
     * @param engine   runs the orders
     * @param options  the fulfill settings (the delete cap spans the whole run)
     * @param mapping  reads the orders' entity types and property identifiers
     * @param requests counts the HTTP requests sent so far (for the summary)
     */
    public FulfillRun(FulfillEngine engine, FulfillSettings options, EntityMapping mapping, LongSupplier requests) {
        this(engine, options, mapping, requests, Limits.DEFAULTS);
    }

    /**
     * @param engine   runs the orders
     * @param options  the fulfill settings (the delete cap spans the whole run)
     * @param mapping  reads the orders' entity types and property identifiers
     * @param requests counts the HTTP requests sent so far (for the summary)
     * @param limits   how much the run holds in memory at once
     */
    public FulfillRun(FulfillEngine engine, FulfillSettings options, EntityMapping mapping, LongSupplier requests,
                      Limits limits) {
        this.engine = Objects.requireNonNull(engine, "engine == null");
        this.options = Objects.requireNonNull(options, "options == null");
        this.mapping = Objects.requireNonNull(mapping, "mapping == null");
        this.requests = Objects.requireNonNull(requests, "requests == null");
        this.limits = Objects.requireNonNull(limits, "limits == null");
    }

    /** One file to work on: a new one still in the orders folder, or one being resumed in {@code Completed/}. */
    private record Work(Path file, OrdersParser.Scan scan, OrderJournal journal) {
        boolean resuming() {
            return journal != null;
        }

        int size() {
            return scan.count();
        }
    }

    /**
     * @param orders   an orders file, or a directory of {@code *.json} files
     * @param results  the results CSV, appended to (created with its header when missing)
     * @param dryRun   plan only: nothing moved, journaled, written or sent
     * @param listener told the pending order count, then each result as its order ends
     * @return the counts of every order of the files worked on, the results of the first
     *         {@link Limits#keptResults()} of them and the writes those sent (or planned)
     * @throws ConnectorException INVALID_ORDER when a file is not an orders file, IO when a file cannot be read,
     *                            moved or written, or {@code Completed} is not a folder inside the orders folder,
     *                            AUTHENTICATION when Okta refuses the credentials
     */
    public FulfillSummary run(Path orders, Path results, boolean dryRun, ProgressListener listener) {
        long start = System.nanoTime();
        long requestsBefore = requests.getAsLong();
        if (!Files.exists(orders) && openJournals(orders.toAbsolutePath().getParent().resolve(COMPLETED)).isEmpty()) {
            throw new ConnectorException(ErrorCode.IO, "the orders file or folder " + orders + " does not exist");
        }
        Path dir = Files.isDirectory(orders) ? orders : orders.toAbsolutePath().getParent();
        Path completed = dir.resolve(COMPLETED);
        requireCompletedFolder(dir, completed);
        List<Work> work = collect(orders, completed, dryRun);
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
        Pass pass = new Pass(dryRun, out, listener, opened, new RunTotals(limits.keptResults(), limits.keptCalls()));
        try {
            for (Work w : work) {
                pass.file(w, completed);
            }
        } finally {
            opened.forEach(FulfillRun::closeQuietly);
            if (out != null) {
                out.close();
            }
        }
        return pass.totals.summary(requests.getAsLong() - requestsBefore, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Checks every file (new ones and those to resume) and counts its orders; locks the journals to resume. */
    private List<Work> collect(Path orders, Path completed, boolean dryRun) {
        List<Work> work = new ArrayList<>();
        try {
            for (Path journal : openJournals(completed)) {
                String name = journal.getFileName().toString();
                Path file = journal.resolveSibling(name.substring(0, name.length() - OrderJournal.SUFFIX.length()));
                if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
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
                requireNoLink(journal, "the journal");
                requireNoLink(file, "the orders file");
                OrdersParser.Scan scan = OrdersFile.scan(file);
                work.add(new Work(file, scan, OrderJournal.resume(journal, scan.count())));
            }
            for (Path file : newFiles(orders)) {
                work.add(new Work(file, OrdersFile.scan(file), null));
            }
        } catch (RuntimeException e) {
            work.stream().filter(Work::resuming).forEach(w -> closeQuietly(w.journal()));
            throw e;
        }
        return work;
    }

    /** One run over its files: where results go, and what it has counted and kept so far. */
    private final class Pass {
        final boolean dryRun;
        final ResultsFile out;
        final ProgressListener listener;
        final List<OrderJournal> opened;
        final RunTotals totals;
        final DeleteBudget budget = new DeleteBudget(options.maxDeletesPerRun());
        int ended;

        Pass(boolean dryRun, ResultsFile out, ProgressListener listener, List<OrderJournal> opened, RunTotals totals) {
            this.dryRun = dryRun;
            this.out = out;
            this.listener = listener;
            this.opened = opened;
            this.totals = totals;
        }

        void file(Work w, Path completed) {
            OrderJournal journal = w.journal();
            Path file = w.file();
            if (!dryRun && !w.resuming()) {
                Path target = uniqueTarget(completed, file.getFileName().toString());
                journal = OrderJournal.create(OrderJournal.of(target), w.size());
                opened.add(journal);
                move(file, target, journal);
                file = target;
            }
            totals.startFile(w.size());
            if (w.resuming()) {
                reappend(journal, out, limits.reappendIds());
                if (totals.keepsAny()) {
                    journal.forEachResult(totals::previous);
                }
                totals.counted(journal.doneCount(), journal.erroredCount());
                LOG.info("resuming {}: {} of {} orders have a result", file, journal.doneCount(), w.size());
            }
            OrderJournal j = journal;
            List<FulfillEngine.Item> batch = new ArrayList<>();
            long[] batchBytes = {0};
            OrdersFile.forEach(file, w.scan(), mapping, (e, bytes) -> {
                if (j != null && j.isDone(e.index())) {
                    return;
                }
                batch.add(new FulfillEngine.Item(e.index(), e, j != null && j.wasStarted(e.index())));
                batchBytes[0] += bytes;
                if (batch.size() >= limits.batch() || batchBytes[0] >= limits.batchBytes()) {
                    batch(batch, j);
                    batch.clear();
                    batchBytes[0] = 0;
                }
            });
            batch(batch, j);
            totals.endFile();
            if (journal != null) {
                journal.finish();
            }
        }

        /** Runs a batch of one file's orders: each result is journaled, appended and announced as its order ends. */
        private void batch(List<FulfillEngine.Item> items, OrderJournal j) {
            if (items.isEmpty()) {
                return;
            }
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
                    int k = ++Pass.this.ended;
                    safe(() -> listener.orderCompleted(result, k));
                }
            });
            for (int i = 0; i < items.size(); i++) {
                totals.ended(items.get(i).index(), outcome.results().get(i), outcome.calls().get(i));
            }
        }
    }

    /**
     * Appends to the results file the resumed journal's results it lacks: a host may give each run a new results
     * file, and a crash may come between a journal row and its results row. Compares {@code chunk} assignment ids at a
     * time with the results file, so that memory stays bounded however many results the journal holds.
     */
    private static void reappend(OrderJournal journal, ResultsFile out, int chunk) {
        for (long from = 0; ; from += chunk) {
            long first = from;
            long end = from + chunk;
            Set<String> ids = new HashSet<>();
            long[] n = {0};
            journal.forEachResult((index, r) -> {
                if (n[0] >= first && n[0] < end) {
                    ids.add(r.assignmentId());
                }
                n[0]++;
            });
            if (n[0] <= first) {
                return;
            }
            Set<String> present = new HashSet<>();
            out.forEachAssignmentId(id -> {
                if (ids.contains(id)) {
                    present.add(id);
                }
            });
            long[] m = {0};
            journal.forEachResult((index, r) -> {
                if (m[0] >= first && m[0] < end && present.add(r.assignmentId())) {
                    out.append(r);
                }
                m[0]++;
            });
            if (n[0] <= end) {
                return;
            }
        }
    }

    /**
     * Refuses a {@code Completed} that would put orders files and journals elsewhere than the orders folder: a link,
     * something that is not a folder, or (a junction, a link above it) a folder that really lies elsewhere.
     */
    private static void requireCompletedFolder(Path dir, Path completed) {
        String what = "the " + COMPLETED + " folder " + completed;
        String rule = "; it must be a real folder inside the orders folder";
        if (Files.isSymbolicLink(completed)) {
            throw new ConnectorException(ErrorCode.IO, what + " is a symbolic link" + rule + " (remove the link)");
        }
        if (!Files.exists(completed, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(completed, LinkOption.NOFOLLOW_LINKS)) {
            throw new ConnectorException(ErrorCode.IO, what + " is not a folder" + rule + " (move it away)");
        }
        try {
            if (!completed.toRealPath().getParent().equals(dir.toRealPath())) {
                throw new ConnectorException(ErrorCode.IO, what + " leads outside the orders folder" + rule);
            }
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.IO, "cannot read " + completed + ": " + e.getMessage(), e);
        }
    }

    /** A planted link in {@code Completed/} would make a resume read or append to a file elsewhere. */
    private static void requireNoLink(Path path, String what) {
        if (Files.isSymbolicLink(path)) {
            throw new ConnectorException(ErrorCode.IO, what + " " + path + " is a symbolic link; a run reads and "
                    + "writes only real files in the " + COMPLETED + " folder (remove the link)");
        }
    }

    private static int pendingCount(List<Work> work) {
        long pending = 0;
        for (Work w : work) {
            pending += w.size() - (w.resuming() ? w.journal().doneCount() : 0);
        }
        return (int) Math.min(pending, Integer.MAX_VALUE);
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
        // a dangling link is a name taken too: writing through it would create its target elsewhere
        return Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                || Files.exists(OrderJournal.of(target), LinkOption.NOFOLLOW_LINKS)
                || Files.exists(target.resolveSibling(target.getFileName() + OrderJournal.DONE_SUFFIX),
                LinkOption.NOFOLLOW_LINKS);
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
