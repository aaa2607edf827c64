package io.oktaconnector.api.contract;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.TableSink;
import io.oktaconnector.api.TableWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link TableSink} test double that keeps tables in memory: handy for exporter tests in other modules, and the
 * reference implementation that proves {@link TableSinkContract} itself.
 *
 * <p>Rows are held until {@link #commit()}, then published all at once into the store given to the constructor
 * (shared by several sinks so that a later sink sees what an earlier one committed). Empty fields are stored as
 * {@code ""}, whether written as {@code null} or {@code ""}. Thread-safe as the {@link TableSink} contract requires.
 */
public final class InMemoryTableSink implements TableSink {
    private final Map<String, List<List<String>>> store;
    private final Map<String, Table> open = new LinkedHashMap<>();
    private boolean committed;
    private boolean aborted;

    /** A sink with its own store. */
    public InMemoryTableSink() {
        this(new ConcurrentHashMap<>());
    }

    /**
     * @param store where committed tables are published (table name → header row then data rows); should be
     *              thread-safe if read while sinks commit; never {@code null}
     */
    public InMemoryTableSink(Map<String, List<List<String>>> store) {
        this.store = Objects.requireNonNull(store, "store == null");
    }

    /**
     * @param table a table name
     * @return the header row then the data rows published for the table, or empty when none was
     */
    public Optional<List<List<String>>> committed(String table) {
        return Optional.ofNullable(store.get(table));
    }

    @Override
    public synchronized TableWriter open(String table, List<String> columns) {
        Objects.requireNonNull(table, "table == null");
        List<String> header = List.copyOf(Objects.requireNonNull(columns, "columns == null"));
        if (header.isEmpty()) {
            throw new ConnectorException(ErrorCode.INTERNAL, "table " + table + " has no column");
        }
        if (committed || aborted) {
            throw new ConnectorException(ErrorCode.INTERNAL, "the sink is already " + (committed ? "committed" : "aborted"));
        }
        if (open.containsKey(table)) {
            throw new ConnectorException(ErrorCode.INTERNAL, "table " + table + " is opened twice");
        }
        Table t = new Table(table, header);
        open.put(table, t);
        return t;
    }

    @Override
    public synchronized void commit() {
        if (aborted) {
            throw new ConnectorException(ErrorCode.INTERNAL, "the sink is already aborted");
        }
        if (committed) {
            return;
        }
        Map<String, List<List<String>>> publish = new LinkedHashMap<>();
        for (Table t : open.values()) {
            publish.put(t.name, t.close());
        }
        store.putAll(publish);
        committed = true;
    }

    @Override
    public synchronized void abort() {
        if (committed || aborted) {
            return;
        }
        open.values().forEach(Table::close);
        aborted = true;
    }

    private static final class Table implements TableWriter {
        private final String name;
        private final int width;
        private List<List<String>> rows = new ArrayList<>();
        private long count;

        Table(String name, List<String> header) {
            this.name = name;
            this.width = header.size();
            rows.add(header);
        }

        @Override
        public synchronized void write(List<String> values) {
            Objects.requireNonNull(values, "values == null");
            if (rows == null) {
                throw new ConnectorException(ErrorCode.INTERNAL, "table " + name + " is closed");
            }
            if (values.size() != width) {
                throw new ConnectorException(ErrorCode.INTERNAL,
                        "table " + name + " has " + width + " columns, the row has " + values.size() + " values");
            }
            List<String> row = new ArrayList<>(width);
            for (String v : values) {
                row.add(v == null ? "" : v);
            }
            rows.add(Collections.unmodifiableList(row));
            count++;
        }

        @Override
        public synchronized long rows() {
            return count;
        }

        synchronized List<List<String>> close() {
            List<List<String>> all = rows == null ? List.of() : List.copyOf(rows);
            rows = null;
            return all;
        }
    }
}
