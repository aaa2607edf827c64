package io.oktaconnector.okta.internal.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.oktaconnector.api.ColumnMapping;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.api.TableMapping;
import io.oktaconnector.api.TableWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * One table being written: its columns as compiled paths, and its {@link TableWriter}, which the sink allows one thread
 * at a time. Pages from several worker threads are written whole under this channel's lock, so rows of one page stay
 * together and the writer never sees two threads.
 */
final class TableChannel {

    private static final Logger LOG = LoggerFactory.getLogger(TableChannel.class);

    private final String table;
    private final List<JsonPath> paths;
    private final TableWriter writer;
    private final ProgressListener listener;
    private long rows;

    TableChannel(TableMapping mapping, TableWriter writer, ProgressListener listener) {
        this.table = mapping.table();
        this.paths = mapping.columns().stream().map(ColumnMapping::path).map(JsonPath::of).toList();
        this.writer = writer;
        this.listener = listener;
    }

    String table() {
        return table;
    }

    /**
     * Projects and writes objects; the projection runs outside the lock.
     *
     * @param objects the objects of one page, in order
     */
    void write(List<? extends JsonNode> objects) {
        if (objects.isEmpty()) {
            return;
        }
        List<List<String>> out = new ArrayList<>(objects.size());
        for (JsonNode o : objects) {
            List<String> row = new ArrayList<>(paths.size());
            for (JsonPath p : paths) {
                row.add(p.value(o));
            }
            out.add(row);
        }
        synchronized (this) {
            for (List<String> row : out) {
                writer.write(row);
            }
            rows += out.size();
            // under the lock, so that a listener sees each table's totals in increasing order
            try {
                listener.rowsWritten(table, rows);
            } catch (RuntimeException e) {
                LOG.debug("progress listener failed for {}; ignored", table, e);
            }
        }
    }

    synchronized long rows() {
        return rows;
    }
}
