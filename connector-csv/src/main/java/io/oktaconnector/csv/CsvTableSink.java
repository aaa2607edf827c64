package io.oktaconnector.csv;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.TableSink;
import io.oktaconnector.api.TableWriter;
import io.oktaconnector.csv.internal.CommitManifest;
import io.oktaconnector.csv.internal.CsvTableFile;
import io.oktaconnector.csv.internal.Directories;
import io.oktaconnector.csv.internal.FileOps;
import io.oktaconnector.csv.internal.OutputLock;
import io.oktaconnector.csv.internal.TableNames;
import io.oktaconnector.csv.internal.TempFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The CSV {@link TableSink}: every table becomes {@code <directory>/<table>.csv}, published atomically as a set.
 *
 * <p>Format: RFC 4180 by default (comma, CRLF, UTF-8 without byte order mark, one header row, fields quoted only
 * where needed, values verbatim); see {@link CsvOptions} for the variants.
 *
 * <p>Publishing: each table is written to a temporary file {@code .<table>.csv.<uuid>.tmp} beside its target.
 * {@link #commit()} flushes and forces every temporary file to the device, and only when all are complete renames
 * each over its target (one atomic rename per file where the file system supports it), then forces the directory.
 * {@link #abort()} deletes the temporary files, leaving the previous files byte-identical.
 *
 * <p>Crash consistency (roll-forward): before its first rename, a commit writes a manifest
 * {@code .okta-connector-commit.<uuid>.manifest} listing every temporary file and its target (itself written to a
 * temporary file, forced and renamed into place, so it is all or nothing), and forces the directory; after the last
 * rename it deletes the manifest. From the moment the manifest exists the export counts as published. When a sink
 * opens in the directory it first completes every manifest left by a crashed or failed commit (renaming each listed
 * temporary file that still exists, in the order the manifests were written), deletes it, and only then deletes the
 * temporary files that a crashed run left behind. So a crash before the manifest is complete leaves the previous files
 * (the next open sweeps the temporary files), and a crash between renames is completed by the next open: the files
 * are always all from one export. Files and manifests of a sink still writing or committing there (in this or another
 * process) and every other file are left alone; the manifest never ends in {@code .csv}. A manifest that cannot be
 * read as one (planted, cut short, not UTF-8, larger than 1 MiB) is renamed aside to {@code <manifest>.rejected} with a
 * warning, instead of blocking every later export.
 *
 * <p>One run at a time per directory: a sink holds the directory's lock ({@code .okta-connector.lock}, an OS file lock
 * plus an in-JVM lock) from {@code open} until it is committed, aborted or closed, so two exports into one folder (in
 * this JVM or in two processes) take turns and the published files always come from one of them. The recovery and the
 * sweep run only under that lock, so they never touch the files of a live run. A sink that cannot have the lock within
 * its wait ({@link #DEFAULT_LOCK_WAIT} unless given) fails with {@link ErrorCode#TIMEOUT}. The lock file is deleted
 * when the lock is released.
 *
 * <p>Memory does not grow with the number of rows: rows stream through a fixed buffer per table.
 *
 * <p>Threads: a table's {@link TableWriter} may be used by one thread at a time, and different tables from different
 * threads at once. {@link #open(String, List)}, {@link #commit()} and {@link #abort()} are thread-safe; a commit or
 * abort waits for rows in progress, and a row written after them fails with {@link ErrorCode#INTERNAL}.
 *
 * <p>Failures: an {@link IOException} anywhere becomes a {@link ConnectorException} with {@link ErrorCode#IO} naming
 * the file, after the sink has aborted itself.
 *
 * <pre>{@code
 * try (CsvTableSink sink = CsvTableSink.open(Path.of("ExportOutput"))) {
 *     TableWriter users = sink.open("OktaExportFulfillment_users", List.of("id", "status"));
 *     users.write(List.of("00u1", "ACTIVE"));
 *     sink.commit();
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class CsvTableSink implements TableSink {
    /**
     * How long {@link #open(Path)} and {@link #open(Path, CsvOptions)} wait for another run to release the directory:
     * 10 minutes.
     *
     * @since 0.1
     */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofMinutes(10);

    private static final String EXTENSION = ".csv";

    // PENDING: a commit failed after its manifest was written; the next open completes it
    private enum State { OPEN, COMMITTED, ABORTED, PENDING }

    private final Path directory;
    private final CsvOptions options;
    private final FileOps ops;
    private final Map<String, CsvTableFile> tables = new LinkedHashMap<>(); // key: lower-case name
    private final OutputLock lock; // held while OPEN
    private State state = State.OPEN;

    CsvTableSink(Path directory, CsvOptions options, FileOps ops, OutputLock lock) {
        this.directory = directory;
        this.options = options;
        this.ops = ops;
        this.lock = lock;
    }

    /**
     * Opens a sink with {@link CsvOptions#DEFAULTS}.
     *
     * @param directory the output directory, created with its parents if missing; never {@code null}
     * @return the sink, to be committed or aborted, then closed
     * @throws ConnectorException {@link ErrorCode#IO} when the directory cannot be created or listed;
     *                            {@link ErrorCode#TIMEOUT} when another run still writes there after
     *                            {@link #DEFAULT_LOCK_WAIT}
     * @see #open(Path, CsvOptions, Duration)
     */
    public static CsvTableSink open(Path directory) {
        return open(directory, CsvOptions.DEFAULTS);
    }

    /**
     * Opens a sink, waiting up to {@link #DEFAULT_LOCK_WAIT} for another run in the directory; see
     * {@link #open(Path, CsvOptions, Duration)}.
     *
     * @param directory the output directory, created with its parents if missing; never {@code null}
     * @param options   how to write the files, never {@code null}
     * @return the sink, to be committed or aborted, then closed
     * @throws ConnectorException {@link ErrorCode#IO} when the directory cannot be created, locked or listed, or an
     *                            unfinished publish cannot be completed (its files are kept for the next attempt);
     *                            {@link ErrorCode#TIMEOUT} when another run still writes there after the wait
     */
    public static CsvTableSink open(Path directory, CsvOptions options) {
        return open(directory, options, DEFAULT_LOCK_WAIT);
    }

    /**
     * Opens a sink: creates the directory if missing, takes its lock (waiting up to {@code lockWait} for another run
     * to commit or abort there), completes a publish that a crashed or failed commit left unfinished in it, and
     * deletes the temporary files a crashed run left in it. The lock is held until the sink is committed, aborted or
     * closed.
     *
     * @param directory the output directory, created with its parents if missing; never {@code null}
     * @param options   how to write the files, never {@code null}
     * @param lockWait  how long to wait for another run in the directory, zero or more; never {@code null}
     * @return the sink, to be committed or aborted, then closed
     * @throws ConnectorException {@link ErrorCode#TIMEOUT} when another run (in this or another process) still holds
     *                            the directory after {@code lockWait}; {@link ErrorCode#IO} when the directory cannot
     *                            be created, locked or listed, or an unfinished publish cannot be completed (its files
     *                            are kept for the next attempt)
     * @throws IllegalArgumentException when {@code lockWait} is negative
     * @since 0.1
     */
    public static CsvTableSink open(Path directory, CsvOptions options, Duration lockWait) {
        return open(directory, options, FileOps.DEFAULT, lockWait);
    }

    static CsvTableSink open(Path directory, CsvOptions options, FileOps ops) {
        return open(directory, options, ops, DEFAULT_LOCK_WAIT);
    }

    static CsvTableSink open(Path directory, CsvOptions options, FileOps ops, Duration lockWait) {
        Objects.requireNonNull(directory, "directory == null");
        Objects.requireNonNull(options, "options == null");
        Objects.requireNonNull(lockWait, "lockWait == null");
        if (lockWait.isNegative()) {
            throw new IllegalArgumentException("lockWait < 0");
        }
        Path dir = directory.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ConnectorException(ErrorCode.IO, "cannot use " + dir + " as the output directory: it is a file, "
                    + "not a folder");
        }
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.IO, "cannot use " + dir + " as the output directory: " + describe(e), e);
        }
        // under the lock, no other run writes or publishes here: the recovery and the sweep cannot take live files
        OutputLock lock = OutputLock.acquire(dir, lockWait);
        try {
            try {
                // before the sweep: the temporary files an interrupted publish lists are the export, not debris
                CommitManifest.recover(dir, ops);
            } catch (IOException e) {
                throw new ConnectorException(ErrorCode.IO, "cannot complete the interrupted publish in " + dir + ": "
                        + describe(e) + "; its files are kept for the next attempt", e);
            }
            try {
                TempFiles.sweep(dir);
            } catch (IOException e) {
                throw new ConnectorException(ErrorCode.IO, "cannot use " + dir + " as the output directory: "
                        + describe(e), e);
            }
            return new CsvTableSink(dir, options, ops, lock);
        } catch (RuntimeException | Error e) {
            lock.close();
            throw e;
        }
    }

    /** @return the absolute output directory */
    public Path directory() {
        return directory;
    }

    /** @return how the files are written */
    public CsvOptions options() {
        return options;
    }

    /**
     * The file a table is published to. Pure: checks the name, touches no file.
     *
     * @param table a table name
     * @return {@code <directory>/<table>.csv}
     * @throws ConnectorException {@link ErrorCode#INTERNAL} when the name cannot be a file name in the directory
     */
    public Path file(String table) {
        return TableNames.resolve(directory, table, EXTENSION);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The table's name becomes its file name, so it must not be empty, begin with a dot, contain {@code ..},
     * white space, control characters or any of {@code < > : " / \ | ? *}; names that differ only in letter case
     * are the same table (they are the same file on some file systems). Creates the temporary file and writes the
     * header into it.
     *
     * @throws ConnectorException {@link ErrorCode#INTERNAL} when the name is not allowed, the table is already open,
     *                            a column header is {@code null}, there is no column, or the sink was committed or
     *                            aborted; {@link ErrorCode#IO} when the temporary file cannot be created (the sink is
     *                            then aborted)
     */
    @Override
    public TableWriter open(String table, List<String> columns) {
        Objects.requireNonNull(columns, "columns == null");
        Path target = file(table);
        List<String> header;
        try {
            header = List.copyOf(columns);
        } catch (NullPointerException e) {
            throw new ConnectorException(ErrorCode.INTERNAL, "table " + table + " has a null column header");
        }
        if (header.isEmpty()) {
            throw new ConnectorException(ErrorCode.INTERNAL, "table " + table + " has no column");
        }
        IOException failure;
        synchronized (this) {
            requireOpen();
            String key = table.toLowerCase(Locale.ROOT);
            CsvTableFile existing = tables.get(key);
            if (existing != null) {
                throw new ConnectorException(ErrorCode.INTERNAL, "table " + table + " is already open"
                        + (existing.table().equals(table) ? "" : " as " + existing.table()));
            }
            try {
                CsvTableFile file = CsvTableFile.create(table, target, header, options, ops, this::abort);
                tables.put(key, file);
                return file;
            } catch (IOException e) {
                failure = e;
            }
        }
        abort();
        throw new ConnectorException(ErrorCode.IO, "cannot create a temporary file for " + target + ": " + describe(failure), failure);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Nothing is renamed until every table is flushed and forced to the device and the commit manifest is in
     * place (see the class description). Should a rename itself fail (rare: the directory changed under the sink), the
     * remaining renames are still carried out and each failed one is tried once more. If none succeeded the manifest is
     * withdrawn and the sink aborts: nothing was published. Otherwise the manifest and the remaining temporary files stay,
     * the exception says which files are already published, and the next sink opened in the directory completes the
     * publish; this sink is then neither open nor abortable. Calling {@code commit} again after success does nothing.
     *
     * @throws ConnectorException {@link ErrorCode#IO} naming the file when publishing fails: either nothing was published
     *                            (the sink has aborted: no temporary file is left), or the message says that the publish
     *                            will be completed by the next run; {@link ErrorCode#INTERNAL} when the sink was aborted
     *                            or a previous commit failed
     */
    @Override
    public synchronized void commit() {
        if (state == State.COMMITTED) {
            return;
        }
        requireOpen();
        List<CsvTableFile> all = new ArrayList<>(tables.values());
        for (CsvTableFile t : all) {
            try {
                t.finish();
            } catch (IOException e) {
                throw failed("cannot complete " + t.target().getFileName() + " (temporary file " + t.temp() + "): "
                        + describe(e) + "; no file was published", e);
            }
        }
        for (CsvTableFile t : all) {
            // a temporary file removed by someone else would otherwise surface only after other tables were renamed
            if (!Files.isRegularFile(t.temp(), LinkOption.NOFOLLOW_LINKS)) {
                throw failed("the temporary file " + t.temp() + " of " + t.target().getFileName()
                        + " disappeared before publishing; no file was published", null);
            }
        }
        if (all.isEmpty()) {
            state = State.COMMITTED;
            lock.close();
            return;
        }
        Map<Path, Path> renames = new LinkedHashMap<>();
        all.forEach(t -> renames.put(t.temp(), t.target()));
        CommitManifest manifest;
        try {
            manifest = CommitManifest.write(directory, renames, ops);
        } catch (IOException e) {
            throw failed("cannot write the commit manifest in " + directory + ": " + describe(e)
                    + "; no file was published", e);
        }
        // roll forward: past this point the export is published, a failed rename does not stop the others
        List<String> done = new ArrayList<>();
        List<CsvTableFile> pending = new ArrayList<>(all);
        IOException firstFailure = null;
        for (int attempt = 0; attempt < 2 && !pending.isEmpty(); attempt++) {
            List<CsvTableFile> failedNow = new ArrayList<>();
            for (CsvTableFile t : pending) {
                try {
                    ops.move(t.temp(), t.target());
                    t.published();
                    done.add(t.target().getFileName().toString());
                } catch (IOException e) {
                    failedNow.add(t);
                    if (firstFailure == null) {
                        firstFailure = e;
                    } else if (firstFailure != e) {
                        firstFailure.addSuppressed(e);
                    }
                }
            }
            pending = failedNow;
        }
        Directories.force(directory);
        if (pending.isEmpty()) {
            manifest.completed();
            state = State.COMMITTED;
            lock.close();
            return;
        }
        CsvTableFile t = pending.get(0);
        String cause = "cannot rename " + t.temp() + " to " + t.target() + ": " + describe(firstFailure);
        if (done.isEmpty() && withdraw(manifest)) {
            throw failed(cause + "; no file was published", firstFailure);
        }
        // leave the manifest and the temporary files to the next open, which may no longer treat them as live
        manifest.close();
        for (CsvTableFile p : pending) {
            p.published();
        }
        state = State.PENDING;
        lock.close();
        throw new ConnectorException(ErrorCode.IO, cause + "; already published: "
                + (done.isEmpty() ? "none" : String.join(", ", done)) + "; not yet published: "
                + pending.stream().map(p -> p.target().getFileName().toString()).collect(Collectors.joining(", "))
                + "; the publish will be completed by the next run (the next sink opened in " + directory
                + ", as recorded in " + manifest.file().getFileName() + ")", firstFailure);
    }

    /** Deletes a manifest whose renames all failed; false when it stays (the next open then completes it). */
    private static boolean withdraw(CommitManifest manifest) {
        manifest.close();
        try {
            Files.deleteIfExists(manifest.file());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Waits for rows being written, then deletes every temporary file. Does nothing after a successful commit or
     * a previous abort.
     */
    @Override
    public synchronized void abort() {
        if (state != State.OPEN) {
            return;
        }
        state = State.ABORTED;
        for (CsvTableFile t : tables.values()) {
            t.discard();
        }
        lock.close();
    }

    /** Aborts unless the sink was committed. Idempotent; never throws. */
    @Override
    public void close() {
        abort();
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new ConnectorException(ErrorCode.INTERNAL, "the sink for " + directory + " is already "
                    + switch (state) {
                        case COMMITTED -> "committed";
                        case PENDING -> "committed, but its publish failed and will be completed by the next run";
                        default -> "aborted";
                    });
        }
    }

    private ConnectorException failed(String message, IOException cause) {
        abort();
        return new ConnectorException(ErrorCode.IO, message, cause);
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : " " + m);
    }
}
