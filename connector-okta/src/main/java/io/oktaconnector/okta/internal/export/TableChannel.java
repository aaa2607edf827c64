package io.oktaconnector.okta.internal.export;

import io.oktaconnector.api.ColumnMapping;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.api.TableMapping;
import io.oktaconnector.api.TableWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One table being written: its columns' paths, and its {@link TableWriter}, which the sink allows one thread at a
 * time. Pages from several worker threads are written whole under this channel's lock, so rows of one page stay
 * together and the writer never sees two threads.
 */
final class TableChannel {

    private static final Logger LOG = LoggerFactory.getLogger(TableChannel.class);

    private final String table;
    private final List<String> paths;
    private final TableWriter writer;
    private final ProgressListener listener;
    private long rows;
    private long dropped;

    TableChannel(TableMapping mapping, TableWriter writer, ProgressListener listener) {
        this.table = mapping.table();
        this.paths = mapping.columns().stream().map(ColumnMapping::path).toList();
        this.writer = writer;
        this.listener = listener;
    }

    String table() {
        return table;
    }

    /**
     * @param extraPaths paths the export itself needs (an id, a count), read after the table's columns
     * @param extraModes how each extra path renders
     * @return a projection whose rows start with this table's columns, followed by the extras
     */
    Projection projection(List<String> extraPaths, List<Projection.Mode> extraModes) {
        List<String> all = new ArrayList<>(paths);
        all.addAll(extraPaths);
        List<Projection.Mode> modes = new ArrayList<>(paths.stream().map(p -> Projection.Mode.VALUE).toList());
        modes.addAll(extraModes);
        return new Projection(all, modes);
    }

    /**
     * Link rows for a link table: each row is the object {@code {fixedKey: fixedId, itemKey: itemId}} projected by
     * the table's paths (so a mapping names the columns like any other table's, case rules included).
     *
     * @return the rows, one per item id
     */
    List<String[]> links(String fixedKey, String fixedId, String itemKey, List<String> itemIds) {
        // per column: 0 the fixed id, 1 the item's id, -1 nothing (a longer path, or another name)
        int[] source = new int[paths.size()];
        for (int i = 0; i < paths.size(); i++) {
            String p = paths.get(i);
            source[i] = p.equals(fixedKey) ? 0 : p.equals(itemKey) ? 1
                    : p.equalsIgnoreCase(fixedKey) ? 0 : p.equalsIgnoreCase(itemKey) ? 1 : -1;
        }
        List<String[]> out = new ArrayList<>(itemIds.size());
        for (String item : itemIds) {
            String[] row = new String[source.length];
            for (int i = 0; i < source.length; i++) {
                row[i] = source[i] == 0 ? fixedId : source[i] == 1 ? item : null;
            }
            out.add(row);
        }
        return out;
    }

    /**
     * Writes the rows of one page.
     *
     * @param page rows that start with this table's columns (further values are not written)
     */
    void write(List<String[]> page) {
        if (page.isEmpty()) {
            return;
        }
        int n = paths.size();
        synchronized (this) {
            for (String[] row : page) {
                for (int i = 0; i < n; i++) {
                    if (row[i] == null) {
                        row[i] = ""; // the contract allows null, but a sink written by others may not expect it
                    }
                }
                List<String> values = Arrays.asList(row);
                writer.write(values.size() == n ? values : values.subList(0, n));
            }
            rows += page.size();
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

    /** @param n objects the server sent again (an id already written), left out of the table */
    synchronized void dropped(long n) {
        dropped += n;
    }

    /** @return objects left out because their id was written already */
    synchronized long droppedCount() {
        return dropped;
    }
}
