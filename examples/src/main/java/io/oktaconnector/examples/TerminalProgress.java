package io.oktaconnector.examples;

import io.oktaconnector.api.ProgressListener;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Export progress for a terminal: one line on stderr, redrawn with a carriage return at most five times a second,
 * cleared when the export ends. Used only when stderr is a terminal, so captured stderr never holds it.
 */
final class TerminalProgress implements ProgressListener {

    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final String prefix;
    private final Map<String, Long> rows = new ConcurrentSkipListMap<>();
    private long lastDraw = System.nanoTime() - REDRAW_NANOS;
    private int lastWidth;

    TerminalProgress(PrintWriter err, String connectionId) {
        this.err = err;
        this.prefix = connectionId + "_";
    }

    @Override
    public void rowsWritten(String table, long totalRows) {
        rows.merge(table, totalRows, Math::max);
        synchronized (this) {
            long now = System.nanoTime();
            if (now - lastDraw < REDRAW_NANOS) {
                return;
            }
            lastDraw = now;
            StringBuilder line = new StringBuilder("exporting:");
            rows.forEach((t, n) -> line.append(' ').append(t.startsWith(prefix) ? t.substring(prefix.length()) : t)
                    .append(' ').append(n));
            draw(line.toString());
        }
    }

    /** Clears the progress line. */
    synchronized void finish() {
        if (lastWidth > 0) {
            draw("");
        }
    }

    private void draw(String text) {
        int pad = Math.max(0, lastWidth - text.length());
        err.print("\r" + text + " ".repeat(pad) + (text.isEmpty() ? "\r" : ""));
        err.flush();
        lastWidth = text.length();
    }
}
