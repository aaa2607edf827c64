package io.oktaconnector.okta.internal.fulfill;

import io.oktaconnector.api.ChangeType;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.FulfillResult;
import io.oktaconnector.api.ProvisioningState;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The journal of one orders file in {@code Completed/}: {@code <file>.journal} beside it, one line when an order
 * starts ({@code S,<index>}) and one when it ends ({@code R,<index>,<result row>}), each flushed at once. It is what
 * makes a run crash-safe: an order with an {@code R} line never runs again; one with only an {@code S} line ran
 * partly and is resumed carefully (a create first looks for what the interrupted run made). When the file's last
 * order ends the journal is renamed {@code <file>.journal.done}. Thread-safe.
 *
 * <p>It is kept apart from the results file on purpose: a host may give each run a new results file, or delete it
 * once read, and that must not make a finished file look unfinished.
 */
public final class OrderJournal implements AutoCloseable {
    static final String SUFFIX = ".journal";
    static final String DONE_SUFFIX = ".journal.done";
    private static final String HEADER = "#okta-connector fulfill journal v1";

    private final Path path;
    private final OutputStream out;
    private final Set<Integer> started;
    private final Map<Integer, FulfillResult> results;

    private OrderJournal(Path path, OutputStream out, Set<Integer> started, Map<Integer, FulfillResult> results) {
        this.path = path;
        this.out = out;
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
     * @param path the journal path
     * @return the open journal
     */
    static OrderJournal create(Path path) {
        try {
            OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            OrderJournal j = new OrderJournal(path, out, new HashSet<>(), new HashMap<>());
            j.write(HEADER);
            return j;
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.IO, "cannot create the journal " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens an existing journal to resume it; a line torn by a crash is cut off.
     *
     * @param path the journal path
     * @return the open journal with what it recorded
     */
    static OrderJournal resume(Path path) {
        try {
            ResultsFile.cutTornRow(path);
            Set<Integer> started = new HashSet<>();
            Map<Integer, FulfillResult> results = new HashMap<>();
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                List<String> f = Csv.parse(line);
                int index = Integer.parseInt(f.get(1));
                if (f.get(0).equals("S")) {
                    started.add(index);
                } else if (f.get(0).equals("R") && f.size() == 7) {
                    results.put(index, new FulfillResult(f.get(2), ProvisioningState.valueOf(f.get(3)), f.get(4),
                            f.get(5).isEmpty() ? null : ChangeType.valueOf(f.get(5)),
                            f.get(6).isEmpty() ? null : f.get(6)));
                } else {
                    throw new IllegalArgumentException("unexpected line: " + line);
                }
            }
            OutputStream out = Files.newOutputStream(path, StandardOpenOption.APPEND);
            return new OrderJournal(path, out, started, results);
        } catch (IOException | RuntimeException e) {
            throw new ConnectorException(ErrorCode.IO, "cannot read the journal " + path + ": " + e.getMessage(), e);
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
        write(Csv.line(List.of("S", String.valueOf(index))));
        started.add(index);
    }

    /** Records an order's result. */
    synchronized void ended(int index, FulfillResult result) {
        List<String> fields = new ArrayList<>();
        fields.add("R");
        fields.add(String.valueOf(index));
        fields.addAll(ResultsFile.row(result));
        write(Csv.line(fields));
        results.put(index, result);
    }

    private void write(String line) {
        try {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.IO, "cannot write the journal " + path + ": " + e.getMessage(), e);
        }
    }

    /** Closes the journal and marks its file finished. */
    synchronized void finish() {
        close();
        try {
            Files.move(path, path.resolveSibling(path.getFileName() + ".done"),
                    StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.IO, "cannot mark the journal " + path + " finished: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.IO, "cannot close the journal " + path + ": " + e.getMessage(), e);
        }
    }
}
