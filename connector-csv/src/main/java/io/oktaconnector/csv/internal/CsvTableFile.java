package io.oktaconnector.csv.internal;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.TableWriter;
import io.oktaconnector.csv.CsvOptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;

/**
 * One table of the CSV sink: a temporary file beside its target, written through a buffer so memory stays flat.
 *
 * <p>{@link #write} runs on the table's writer thread; {@link #finish} and {@link #discard} on the thread that
 * commits or aborts the sink. All three lock this object, so a commit or abort waits for a row in progress and a
 * write after them fails cleanly.
 */
public final class CsvTableFile implements TableWriter {
    private static final int BUFFER_CHARS = 64 * 1024;

    private final String table;
    private final Path target;
    private final Path temp;
    private final int width;
    private final CsvEncoder encoder;
    private final FileOps ops;
    private final Runnable onFailure;
    private final StringBuilder record = new StringBuilder(256);
    private final FileChannel channel;
    private Writer writer; // null once finished or discarded
    private char[] chars = new char[1024];
    private IOException broken; // a failed write: the table must never be published
    private volatile long rows;

    private CsvTableFile(String table, Path target, Path temp, int width, CsvEncoder encoder, FileOps ops,
                         Runnable onFailure, FileChannel channel, Writer writer) {
        this.table = table;
        this.target = target;
        this.temp = temp;
        this.width = width;
        this.encoder = encoder;
        this.ops = ops;
        this.onFailure = onFailure;
        this.channel = channel;
        this.writer = writer;
    }

    /**
     * Creates the temporary file and writes the byte order mark (if asked) and the header.
     *
     * @param table     the table name, for messages
     * @param target    the file to publish to
     * @param header    the column headers, no {@code null} element
     * @param options   how to write
     * @param ops       file operations
     * @param onFailure called (without any lock held) when a write fails, before the exception is thrown: the sink
     *                  aborts
     * @return the open table
     * @throws IOException when the file cannot be created or written; nothing is left behind then
     */
    public static CsvTableFile create(String table, Path target, List<String> header, CsvOptions options,
                                      FileOps ops, Runnable onFailure) throws IOException {
        Path temp = TempFiles.newTemp(target);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                // tells sweeps in other processes that this file is live; the lock goes with the channel
                channel.tryLock();
            } catch (IOException | OverlappingFileLockException | UnsupportedOperationException e) {
                // locking is only a guard against concurrent sweeps; writing works without it
            }
            // a lone surrogate (broken UTF-16 from a source) becomes '?' instead of failing the export
            Writer writer = new BufferedWriter(new OutputStreamWriter(
                    ops.output(temp, Channels.newOutputStream(channel)),
                    StandardCharsets.UTF_8.newEncoder()
                            .onMalformedInput(CodingErrorAction.REPLACE)
                            .onUnmappableCharacter(CodingErrorAction.REPLACE)), BUFFER_CHARS);
            CsvEncoder encoder = new CsvEncoder(options);
            if (options.writeBom()) {
                writer.write('\uFEFF');
            }
            StringBuilder first = new StringBuilder();
            encoder.appendHeader(first, header);
            writer.append(first);
            return new CsvTableFile(table, target, temp, header.size(), encoder, ops, onFailure, channel, writer);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            deleteQuietly(temp);
            TempFiles.release(temp);
            throw e;
        }
    }

    /** @return the table name */
    public String table() {
        return table;
    }

    /** @return the file this table is published to */
    public Path target() {
        return target;
    }

    /** @return the temporary file being written */
    public Path temp() {
        return temp;
    }

    @Override
    public void write(List<String> values) {
        Objects.requireNonNull(values, "values == null");
        IOException failure;
        synchronized (this) {
            if (writer == null) {
                throw new ConnectorException(ErrorCode.INTERNAL,
                        "table " + table + " is closed: its sink was committed or aborted");
            }
            if (broken != null) {
                throw new ConnectorException(ErrorCode.IO, "cannot write table " + table + " to " + temp
                        + ": an earlier write failed: " + broken.getMessage(), broken);
            }
            if (values.size() != width) {
                throw new ConnectorException(ErrorCode.INTERNAL, "table " + table + " has " + width
                        + " columns, but a row has " + values.size() + " values");
            }
            record.setLength(0);
            encoder.appendRow(record, values);
            try {
                int length = record.length();
                if (chars.length < length) {
                    chars = new char[Math.max(length, 2 * chars.length)];
                }
                // through a reused array: append(CharSequence) would copy each record into a new String first
                record.getChars(0, length, chars, 0);
                writer.write(chars, 0, length);
                rows++;
                if (length > BUFFER_CHARS) {
                    record.setLength(0);
                    record.trimToSize(); // a huge value must not pin its buffer for the rest of the table
                    chars = new char[1024];
                }
                return;
            } catch (IOException e) {
                broken = e;
                failure = e;
            }
        }
        // outside the lock: the sink's abort takes every table's lock
        onFailure.run();
        throw new ConnectorException(ErrorCode.IO, "cannot write table " + table + " to " + temp + ": " + failure.getMessage(), failure);
    }

    @Override
    public long rows() {
        return rows;
    }

    /**
     * Flushes, forces to the device and closes the temporary file, ready to be renamed.
     *
     * @throws IOException when any of that fails
     */
    public synchronized void finish() throws IOException {
        if (writer == null) {
            throw new IOException("table " + table + " is already closed");
        }
        if (broken != null) {
            throw new IOException("an earlier write failed: " + broken.getMessage(), broken);
        }
        Writer w = writer;
        writer = null;
        w.flush();
        ops.force(temp, channel);
        w.close(); // closes the channel and releases its lock
    }

    /** Marks the temporary file published: it is no longer ours to sweep or delete. */
    public void published() {
        TempFiles.release(temp);
    }

    /** Closes and deletes the temporary file. Never throws; idempotent. */
    public synchronized void discard() {
        writer = null; // buffered rows are dropped, not flushed into a file about to be deleted
        closeQuietly(channel);
        deleteQuietly(temp);
        TempFiles.release(temp);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing more can be done for a file being discarded
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left for the next sink's sweep
        }
    }
}
