package com.example.host;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.TableSink;
import io.oktaconnector.api.TableWriter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A host's own sink: tables held in memory, visible only once the exporter commits. */
final class MemorySink implements TableSink {
    private final Map<String, List<List<String>>> pending = new LinkedHashMap<>();
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private volatile Map<String, List<List<String>>> published = Map.of();
    private volatile boolean aborted;

    @Override
    public synchronized TableWriter open(String table, List<String> columns) {
        if (pending.containsKey(table)) {
            throw new ConnectorException(ErrorCode.INTERNAL, table + " opened twice");
        }
        List<List<String>> rows = new ArrayList<>();
        pending.put(table, rows);
        headers.put(table, List.copyOf(columns));
        return new TableWriter() {
            @Override
            public void write(List<String> values) {
                if (values.size() != columns.size()) {
                    throw new ConnectorException(ErrorCode.INTERNAL, table + ": " + values.size() + " values");
                }
                synchronized (rows) {
                    rows.add(List.copyOf(values));
                }
            }

            @Override
            public long rows() {
                synchronized (rows) {
                    return rows.size();
                }
            }
        };
    }

    @Override
    public synchronized void commit() {
        published = Map.copyOf(pending);
    }

    @Override
    public synchronized void abort() {
        if (published.isEmpty()) {
            aborted = true;
        }
    }

    List<String> header(String table) {
        return headers.get(table);
    }

    List<List<String>> rows(String table) {
        return published.getOrDefault(table, List.of());
    }

    boolean committed() {
        return !published.isEmpty();
    }

    boolean aborted() {
        return aborted;
    }
}
