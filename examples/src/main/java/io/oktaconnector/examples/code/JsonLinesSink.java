package io.oktaconnector.examples.code;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.TableSink;
import io.oktaconnector.api.TableWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Example of a custom {@link TableSink}: every table becomes {@code <directory>/<table>.jsonl}, one JSON object per row
 * ({@code {"id":"00u1","profile.login":"a@example.com"}}, keys being the column headers, an empty field {@code null}).
 *
 * <p>It keeps the sink contract: rows stream to a temporary file per table ({@code .<table>.jsonl.tmp}) with constant
 * memory; {@link #commit()} renames them all into place only when every table is complete, so a failed export leaves
 * the previous files untouched; {@link #abort()} deletes the temporary files. Different tables may be written from
 * different threads at once (the exporter does that); {@code open}, {@code commit} and {@code abort} are synchronized.
 */
public final class JsonLinesSink implements TableSink {

    private static final JsonFactory JSON = new JsonFactory();

    private final Path directory;
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private boolean finished;

    /**
     * @param directory the output folder; created if missing
     * @throws ConnectorException {@link ErrorCode#IO} when it cannot be created
     */
    public JsonLinesSink(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory == null");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.IO, "cannot create " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param table a table name
     * @return the file the table is published to
     */
    public Path file(String table) {
        return directory.resolve(table + ".jsonl");
    }

    @Override
    public synchronized TableWriter open(String table, List<String> columns) {
        if (finished) {
            throw new ConnectorException(ErrorCode.INTERNAL, "the sink is already committed or aborted");
        }
        if (tables.containsKey(table)) {
            throw new ConnectorException(ErrorCode.INTERNAL, "table " + table + " is already open");
        }
        Path temp = directory.resolve("." + table + ".jsonl.tmp");
        try {
            Table t = new Table(table, List.copyOf(columns), temp, Files.newOutputStream(temp));
            tables.put(table, t);
            return t;
        } catch (IOException e) {
            abort();
            throw new ConnectorException(ErrorCode.IO, "cannot create " + temp + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void commit() {
        if (finished) {
            return;
        }
        try {
            for (Table t : tables.values()) {
                t.close();
            }
            for (Table t : tables.values()) {
                Files.move(t.temp, file(t.name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            finished = true;
        } catch (IOException e) {
            abort();
            throw new ConnectorException(ErrorCode.IO, "cannot publish the JSON lines files in " + directory + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void abort() {
        if (finished) {
            return;
        }
        finished = true;
        for (Table t : tables.values()) {
            try {
                t.close();
            } catch (IOException e) {
                // deleting is what matters
            }
            try {
                Files.deleteIfExists(t.temp);
            } catch (IOException e) {
                // best effort: a leftover temporary file never replaces a published one
            }
        }
    }

    /** One table: a JSON generator over its temporary file. */
    private static final class Table implements TableWriter {
        private final String name;
        private final List<String> columns;
        private final Path temp;
        private final JsonGenerator out;
        private long rows;
        private boolean closed;

        Table(String name, List<String> columns, Path temp, OutputStream stream) throws IOException {
            this.name = name;
            this.columns = columns;
            this.temp = temp;
            this.out = JSON.createGenerator(stream, JsonEncoding.UTF8);
            // one object per line: no separator between root values, a line feed after each
            this.out.setRootValueSeparator(null);
        }

        @Override
        public synchronized void write(List<String> values) {
            if (values.size() != columns.size()) {
                throw new ConnectorException(ErrorCode.INTERNAL, "table " + name + " has " + columns.size()
                        + " columns, the row has " + values.size() + " values");
            }
            if (closed) {
                throw new ConnectorException(ErrorCode.INTERNAL, "table " + name + " is closed");
            }
            try {
                out.writeStartObject();
                for (int i = 0; i < columns.size(); i++) {
                    String v = values.get(i);
                    if (v == null || v.isEmpty()) {
                        out.writeNullField(columns.get(i));
                    } else {
                        out.writeStringField(columns.get(i), v);
                    }
                }
                out.writeEndObject();
                out.writeRaw('\n');
                rows++;
            } catch (IOException e) {
                throw new ConnectorException(ErrorCode.IO, "cannot write to " + temp + ": " + e.getMessage(), e);
            }
        }

        @Override
        public synchronized long rows() {
            return rows;
        }

        synchronized void close() throws IOException {
            if (!closed) {
                closed = true;
                out.close();
            }
        }
    }
}
