package io.oktaconnector.okta.internal.fulfill;

import io.oktaconnector.api.ChangeType;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.FulfillResult;
import io.oktaconnector.api.ProvisioningState;
import io.oktaconnector.csv.CsvAppender;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The journal of one orders file in {@code Completed/}: a CSV {@code <file>.journal} beside it with a row when an
 * order starts ({@code S}) and one when it ends ({@code R} plus its result row), each forced to the device at once.
 * It makes a run crash-safe: an order with an {@code R} row never runs again; one with only an {@code S} row ran
 * partly and is resumed carefully (a create first looks for what the interrupted run made). When the file's last
 * order ends the journal is renamed {@code <file>.journal.done}. Thread-safe.
 *
 * <p>Kept apart from the results file on purpose: a host may give each run a new results file, or delete it once
 * read, and that must not make a finished file look unfinished.
 */
public final class OrderJournal implements AutoCloseable {
    static final String SUFFIX = ".journal";
    static final String DONE_SUFFIX = ".journal.done";
    static final List<String> HEADER = List.of("Event", "Index", "AssignmentId", "ProvisioningState", "Message",
            "ChangeType", "ResourceId");

    private final Path path;
    private final CsvAppender appender;
    private final Set<Integer> started;
    private final Map<Integer, FulfillResult> results;

    private OrderJournal(Path path, CsvAppender appender, Set<Integer> started, Map<Integer, FulfillResult> results) {
        this.path = path;
        this.appender = appender;
        this.started = started;
        this.results = results;
    }

    /** @return the journal path of an orders file in {@code Completed/} */
    static Path of(Path completedFile) {
        return completedFile.resolveSibling(completedFile.getFileName() + SUFFIX);
    }

    /**
     * Creates an empty journal (before its orders file is moved beside it).
     *
     * @param path the journal path, which must not exist
     * @return the open journal
     */
    static OrderJournal create(Path path) {
        if (Files.exists(path)) {
            throw new ConnectorException(ErrorCode.IO, "the journal " + path + " exists already");
        }
        return new OrderJournal(path, CsvAppender.open(path, HEADER), new HashSet<>(), new HashMap<>());
    }

    /**
     * Opens an existing journal to resume it (a row torn by a crash is cut off).
     *
     * @param path the journal path
     * @return the open journal with what it recorded
     */
    static OrderJournal resume(Path path) {
        // read before opening: the appender's lock may keep other handles from reading on some platforms
        List<List<String>> rows = CsvAppender.readAll(path);
        CsvAppender appender = CsvAppender.open(path, HEADER); // locks it: one run per journal
        try {
            Set<Integer> started = new HashSet<>();
            Map<Integer, FulfillResult> results = new HashMap<>();
            for (List<String> f : rows.subList(Math.min(1, rows.size()), rows.size())) {
                int index = Integer.parseInt(f.get(1));
                if (f.get(0).equals("S")) {
                    started.add(index);
                } else if (f.get(0).equals("R")) {
                    results.put(index, new FulfillResult(f.get(2), ProvisioningState.valueOf(f.get(3)), f.get(4),
                            f.get(5).isEmpty() ? null : ChangeType.valueOf(f.get(5)),
                            f.get(6).isEmpty() ? null : f.get(6)));
                } else {
                    throw new IllegalArgumentException("unknown event " + f.get(0));
                }
            }
            return new OrderJournal(path, appender, started, results);
        } catch (RuntimeException e) {
            appender.close();
            if (e instanceof ConnectorException ce) {
                throw ce;
            }
            throw new ConnectorException(ErrorCode.IO, "the journal " + path + " is damaged: " + e.getMessage(), e);
        }
    }

    /** @return the results recorded so far, by order index */
    synchronized Map<Integer, FulfillResult> results() {
        return Map.copyOf(results);
    }

    /** @return whether the order started in an earlier run (and may have partly run) */
    synchronized boolean wasStarted(int index) {
        return started.contains(index);
    }

    /** Records that an order starts. */
    synchronized void started(int index) {
        appender.append(List.of("S", String.valueOf(index), "", "", "", "", ""));
        started.add(index);
    }

    /** Records an order's result. */
    synchronized void ended(int index, FulfillResult result) {
        List<String> row = new ArrayList<>();
        row.add("R");
        row.add(String.valueOf(index));
        row.addAll(ResultsFile.row(result));
        appender.append(row);
        results.put(index, result);
    }

    /** Closes the journal and marks its file finished. */
    synchronized void finish() {
        appender.close();
        try {
            Files.move(path, path.resolveSibling(path.getFileName() + ".done"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.IO, "cannot mark the journal " + path + " finished: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        appender.close();
    }
}
