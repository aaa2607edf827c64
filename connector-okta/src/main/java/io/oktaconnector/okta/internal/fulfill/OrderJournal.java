package io.oktaconnector.okta.internal.fulfill;

import io.oktaconnector.api.ChangeType;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.FulfillResult;
import io.oktaconnector.api.ProvisioningState;
import io.oktaconnector.csv.CsvAppender;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;

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

    /** Told about each result a journal holds. */
    @FunctionalInterface
    interface ResultSink {
        /**
         * @param index  the order's position in its file
         * @param result its result
         */
        void accept(int index, FulfillResult result);
    }

    private final Path path;
    private final CsvAppender appender;
    private final int size;
    // bits, not rows: what a resume needs must not grow with the results (a file may hold 100,000 orders and more)
    private final BitSet started;
    private final BitSet done;
    private int doneCount;
    private long erroredCount;

    private OrderJournal(Path path, CsvAppender appender, int size) {
        this.path = path;
        this.appender = appender;
        this.size = size;
        this.started = new BitSet(size);
        this.done = new BitSet(size);
    }

    /** @return the journal path of an orders file in {@code Completed/} */
    static Path of(Path completedFile) {
        return completedFile.resolveSibling(completedFile.getFileName() + SUFFIX);
    }

    /**
     * Creates an empty journal (before its orders file is moved beside it).
     *
     * @param path the journal path, which must not exist (a dangling link counts as existing: it is not followed)
     * @param size how many orders its file holds
     * @return the open journal
     */
    static OrderJournal create(Path path, int size) {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new ConnectorException(ErrorCode.IO, "the journal " + path + " exists already");
        }
        return new OrderJournal(path, CsvAppender.open(path, HEADER), size);
    }

    /**
     * Opens an existing journal to resume it (a row torn by a crash is cut off). It is locked first, then read back
     * through its own handle, one row at a time: only which orders started and ended is kept.
     *
     * @param path the journal path
     * @param size how many orders its file holds: a row naming another index is damage
     * @return the open journal with what it recorded
     * @throws ConnectorException IO when it cannot be read or locked, or is damaged
     */
    static OrderJournal resume(Path path, int size) {
        OrderJournal journal = new OrderJournal(path, CsvAppender.open(path, HEADER), size); // one run per journal
        try {
            journal.appender.readBack(journal.rows((f, index) -> {
                if (f.get(0).equals("S")) {
                    journal.started.set(index);
                } else {
                    journal.done(index, ProvisioningState.valueOf(f.get(3)) == ProvisioningState.Executed);
                }
            }));
            return journal;
        } catch (RuntimeException e) {
            journal.close();
            if (e instanceof ConnectorException ce) {
                throw ce;
            }
            throw new ConnectorException(ErrorCode.IO, "the journal " + path + " is damaged: " + e.getMessage(), e);
        }
    }

    /** Checks each row past the header and gives it with its order index. */
    private Consumer<List<String>> rows(ObjIntConsumer<List<String>> row) {
        boolean[] header = {true};
        return f -> {
            if (header[0]) {
                header[0] = false;
                return;
            }
            if (f.size() != HEADER.size()) {
                throw new IllegalArgumentException("a row has " + f.size() + " fields, not " + HEADER.size());
            }
            int index = Integer.parseInt(f.get(1));
            if (index < 0 || index >= size) {
                throw new IllegalArgumentException("order index " + index + " is not within the file's " + size
                        + " orders");
            }
            if (!f.get(0).equals("S") && !f.get(0).equals("R")) {
                throw new IllegalArgumentException("unknown event " + f.get(0));
            }
            row.accept(f, index);
        };
    }

    /**
     * Reads back every result the journal holds, one at a time, in the order they were recorded.
     *
     * @param sink receives each
     * @throws ConnectorException IO when the journal cannot be read
     */
    synchronized void forEachResult(ResultSink sink) {
        appender.readBack(rows((f, index) -> {
            if (f.get(0).equals("R")) {
                sink.accept(index, new FulfillResult(f.get(2), ProvisioningState.valueOf(f.get(3)), f.get(4),
                        f.get(5).isEmpty() ? null : ChangeType.valueOf(f.get(5)), f.get(6).isEmpty() ? null : f.get(6)));
            }
        }));
    }

    /** @return how many orders have a result */
    synchronized int doneCount() {
        return doneCount;
    }

    /** @return how many of the orders with a result ended {@code Errored} */
    synchronized long erroredCount() {
        return erroredCount;
    }

    /** @return whether the order has a result (it must never run again) */
    synchronized boolean isDone(int index) {
        return done.get(index);
    }

    /** @return whether the order started in an earlier run (and may have partly run) */
    synchronized boolean wasStarted(int index) {
        return started.get(index);
    }

    /** Records that an order starts. */
    synchronized void started(int index) {
        appender.append(List.of("S", String.valueOf(index), "", "", "", "", ""));
        started.set(index);
    }

    /** Records an order's result. */
    synchronized void ended(int index, FulfillResult result) {
        List<String> row = new ArrayList<>();
        row.add("R");
        row.add(String.valueOf(index));
        row.addAll(ResultsFile.row(result));
        appender.append(row);
        done(index, result.executed());
    }

    private void done(int index, boolean executed) {
        // a second result of one order (which no run writes) is counted once rather than blocking the folder
        if (!done.get(index)) {
            done.set(index);
            doneCount++;
            erroredCount += executed ? 0 : 1;
        }
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
