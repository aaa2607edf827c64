package io.oktaconnector.csv;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.csv.internal.CsvEncoder;
import io.oktaconnector.csv.internal.CsvReading;
import io.oktaconnector.csv.internal.CsvScan;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Appends rows to one CSV file, each row on the device as soon as {@link #append} returns: a journal that survives a
 * crash (the fulfill results file). Reopening an existing file resumes it: the header is not repeated, and a last
 * record cut short by a crash is removed, so the file stays valid CSV. {@link #readAll(Path)} reads a file back, for
 * example to learn which orders already have a result.
 *
 * <p>Same format as {@link CsvTableSink} (RFC 4180 by default, see {@link CsvOptions}). While open, the appender
 * holds an OS lock on the file, so two processes cannot interleave rows in one journal.
 *
 * <p>Thread-safe: {@link #append} may be called from several threads; each row is written whole.
 *
 * <pre>{@code
 * List<String> header = List.of("AssignmentId", "ProvisioningState", "Message", "ChangeType", "ResourceId");
 * Set<String> done = CsvAppender.readAll(results).stream().skip(1).map(r -> r.get(0)).collect(toSet());
 * try (CsvAppender journal = CsvAppender.open(results, header)) {
 *     journal.append(List.of("3930001", "Executed", "", "Added", "00u1"));
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class CsvAppender implements AutoCloseable {
    private final Path file;
    private final List<String> header;
    private final CsvEncoder encoder;
    private final char delimiter;
    private final FileChannel channel;
    private final StringBuilder record = new StringBuilder(256);
    private long rows;
    private boolean closed;

    private CsvAppender(Path file, List<String> header, CsvEncoder encoder, char delimiter, FileChannel channel) {
        this.file = file;
        this.header = header;
        this.encoder = encoder;
        this.delimiter = delimiter;
        this.channel = channel;
    }

    /**
     * Opens a file with {@link CsvOptions#DEFAULTS}.
     *
     * @param file   the file, created with its parent directories if missing; never {@code null}
     * @param header the column headers, never {@code null} or empty
     * @return the appender, to be closed
     * @throws ConnectorException see {@link #open(Path, List, CsvOptions)}
     */
    public static CsvAppender open(Path file, List<String> header) {
        return open(file, header, CsvOptions.DEFAULTS);
    }

    /**
     * Opens a file for appending. A missing or empty file gets the byte order mark (if the options ask for one) and
     * the header. An existing file keeps its content: a trailing record without its line separator (a crash in the
     * middle of a write) is cut off, and its header must equal {@code header}.
     *
     * @param file    the file, created with its parent directories if missing; never {@code null}
     * @param header  the column headers, never {@code null} or empty, no {@code null} element
     * @param options how to write (the delimiter must be the one the file was written with), never {@code null}
     * @return the appender, to be closed
     * @throws ConnectorException {@link ErrorCode#IO} when the file cannot be read, written or locked (another process
     *                            appends to it), is not valid CSV, or has another header;
     *                            {@link ErrorCode#INTERNAL} when {@code header} is empty
     */
    public static CsvAppender open(Path file, List<String> header, CsvOptions options) {
        Objects.requireNonNull(file, "file == null");
        Objects.requireNonNull(options, "options == null");
        List<String> columns = List.copyOf(Objects.requireNonNull(header, "header == null"));
        if (columns.isEmpty()) {
            throw new ConnectorException(ErrorCode.INTERNAL, "a CSV file needs at least one column");
        }
        Path path = file.toAbsolutePath().normalize();
        CsvEncoder encoder = new CsvEncoder(options);
        FileChannel channel = null;
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new ConnectorException(ErrorCode.IO, path + " is in use by another appender");
            }
            // read through the locked channel itself: other handles may not read a locked file on every platform
            FileChannel locked = channel;
            CsvReading.Source source = () -> new FilterInputStream(Channels.newInputStream(locked.position(0))) {
                @Override
                public void close() {
                    // the channel stays open for appending
                }
            };
            long complete;
            try (InputStream in = source.open()) {
                complete = channel.size() == 0 ? 0 : CsvScan.of(in).completeLength();
            }
            if (complete < channel.size()) {
                channel.truncate(complete); // the tail of a record cut short by a crash
            }
            if (complete == 0) {
                StringBuilder first = new StringBuilder();
                if (options.writeBom()) {
                    first.append('\uFEFF');
                }
                encoder.appendHeader(first, columns);
                channel.position(0);
                writeFully(channel, first);
            } else {
                List<String> existing = firstRecord(path.toString(), source, options.delimiter());
                if (!columns.equals(existing)) {
                    throw new ConnectorException(ErrorCode.IO, path + " has the header " + existing
                            + ", not " + columns + "; use another file");
                }
                channel.position(channel.size());
            }
            channel.force(true);
            return new CsvAppender(path, columns, encoder, options.delimiter(), channel);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ConnectorException(ErrorCode.IO, "cannot open " + path + " for appending: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** @return the absolute file */
    public Path file() {
        return file;
    }

    /** @return the column headers */
    public List<String> header() {
        return header;
    }

    /** @return the rows appended through this appender (not those the file held before) */
    public synchronized long rows() {
        return rows;
    }

    /**
     * Appends one row and forces it to the device before returning.
     *
     * @param values one value per column, never {@code null}; {@code null} and {@code ""} are empty fields
     * @throws ConnectorException {@link ErrorCode#IO} when the write fails; {@link ErrorCode#INTERNAL} when the row
     *                            has the wrong number of values or the appender is closed
     */
    public synchronized void append(List<String> values) {
        Objects.requireNonNull(values, "values == null");
        if (closed) {
            throw new ConnectorException(ErrorCode.INTERNAL, "the appender for " + file + " is closed");
        }
        if (values.size() != header.size()) {
            throw new ConnectorException(ErrorCode.INTERNAL, file.getFileName() + " has " + header.size()
                    + " columns, but a row has " + values.size() + " values");
        }
        record.setLength(0);
        encoder.appendRow(record, values);
        try {
            writeFully(channel, record);
            channel.force(false);
            rows++;
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.IO, "cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Streams the records of the file as it stands, read through this appender's own handle: a file this appender
     * has locked cannot be read through another handle on every platform. For files too large to hold in memory, for
     * example a journal being resumed. Appends from other threads wait until it returns.
     *
     * @param action receives every record in order, the header first, empty fields as {@code ""}; never {@code null}
     * @throws ConnectorException {@link ErrorCode#IO} when the file cannot be read or is not valid CSV;
     *                            {@link ErrorCode#INTERNAL} when the appender is closed
     * @since 0.1
     */
    public synchronized void readBack(Consumer<List<String>> action) {
        Objects.requireNonNull(action, "action == null");
        if (closed) {
            throw new ConnectorException(ErrorCode.INTERNAL, "the appender for " + file + " is closed");
        }
        CsvReading.Source source = () -> new FilterInputStream(Channels.newInputStream(channel.position(0))) {
            @Override
            public void close() {
                // the channel stays open for appending
            }
        };
        try {
            try {
                CsvReading.read(file.toString(), source, delimiter, action);
            } finally {
                channel.position(channel.size()); // the next append goes to the end again
            }
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Releases the file and its lock. Idempotent; never throws. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            closeQuietly(channel);
        }
    }

    /**
     * Reads a CSV file written with {@link CsvOptions#DEFAULTS}'s delimiter (either line separator).
     *
     * @param file the file, never {@code null}
     * @return every record in order, the header first, empty fields as {@code ""}; empty when the file is missing
     * @throws ConnectorException {@link ErrorCode#IO} when the file cannot be read or is not valid CSV
     */
    public static List<List<String>> readAll(Path file) {
        return readAll(file, CsvOptions.DEFAULTS);
    }

    /**
     * Reads a CSV file. A byte order mark is skipped; the line separator (CRLF or LF) is detected. A last record
     * without its line separator is taken as cut short by a crash and skipped, exactly as {@link #open} removes it
     * (this class and {@link CsvTableSink} end every record).
     *
     * @param file    the file, never {@code null}
     * @param options whose delimiter separates the fields, never {@code null}
     * @return every record in order, the header first, empty fields as {@code ""}; empty when the file is missing
     * @throws ConnectorException {@link ErrorCode#IO} when the file cannot be read or is not valid CSV
     */
    public static List<List<String>> readAll(Path file, CsvOptions options) {
        List<List<String>> records = new ArrayList<>();
        read(file, options, records::add);
        return records;
    }

    /**
     * Streams the records of a CSV file, for files too large to hold in memory. Same rules as
     * {@link #readAll(Path, CsvOptions)}.
     *
     * @param file    the file, never {@code null}
     * @param options whose delimiter separates the fields, never {@code null}
     * @param action  receives every record in order, the header first, empty fields as {@code ""}; nothing when the
     *                file is missing; never {@code null}
     * @throws ConnectorException {@link ErrorCode#IO} when the file cannot be read or is not valid CSV
     */
    public static void read(Path file, CsvOptions options, Consumer<List<String>> action) {
        Objects.requireNonNull(file, "file == null");
        Objects.requireNonNull(options, "options == null");
        Objects.requireNonNull(action, "action == null");
        try {
            CsvReading.read(file, options.delimiter(), action);
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> firstRecord(String name, CsvReading.Source source, char delimiter) throws IOException {
        List<List<String>> first = new ArrayList<>(1);
        try {
            CsvReading.read(name, source, delimiter, r -> {
                first.add(r);
                throw new StopReading();
            });
        } catch (StopReading e) {
            // got the header
        }
        return first.isEmpty() ? List.of() : first.get(0);
    }

    /** Ends a read after the first record. */
    private static final class StopReading extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopReading() {
            super(null, null, false, false);
        }
    }

    private static void writeFully(FileChannel channel, CharSequence text) throws IOException {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(text));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing to recover: the rows written were already forced
            }
        }
    }
}
