package io.oktaconnector.examples;

import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.FulfillMode;
import io.oktaconnector.api.FulfillResult;
import io.oktaconnector.api.FulfillSummary;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.okta.OktaConnector;
import io.oktaconnector.okta.OktaSettings;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;

/** Runs one fulfill of an orders file or folder: shared by {@code fulfill} and {@code demo}. */
final class FulfillRunner {

    private final PrintWriter out;
    private final boolean progressLines;

    /**
     * @param out           receives the progress lines
     * @param progressLines whether to print {@code OrdersCount:n} and {@code Progress:k} lines (the host agent reads
     *                      them; the demo prints a table instead)
     */
    FulfillRunner(PrintWriter out, boolean progressLines) {
        this.out = Objects.requireNonNull(out, "out == null");
        this.progressLines = progressLines;
    }

    /**
     * Fulfills the orders crash-safely (the library moves each file to {@code Completed/} before its first order runs,
     * appends each result to {@code results} as its order ends, and resumes a file an interrupted run left unfinished).
     *
     * @return the summary: one result per order worked on, the calls sent (or planned)
     * @throws io.oktaconnector.api.ConnectorException when the run cannot proceed (orders not readable or not JSON,
     *                                                 refused credentials, results not writable)
     */
    FulfillSummary fulfill(OktaSettings settings, EntityMapping mapping, Path orders, Path results, FulfillMode mode) {
        try (OktaConnector okta = CliConnectors.create(settings)) {
            return okta.fulfill(orders, results, mapping, mode, progressLines ? new Lines(out) : ProgressListener.NONE);
        }
    }

    /**
     * {@code OrdersCount:n} once, then {@code Progress:k} as each order ends, each line flushed at once: a host agent
     * reads them while the run goes on. Called from the connector's worker threads.
     */
    private static final class Lines implements ProgressListener {
        private final PrintWriter out;

        Lines(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void ordersCounted(int count) {
            line("OrdersCount:" + count);
        }

        @Override
        public void orderCompleted(FulfillResult result, int completed) {
            line("Progress:" + completed);
        }

        private void line(String text) {
            // one lock for the stream: lines from worker threads never interleave
            synchronized (out) {
                out.println(text);
                out.flush();
            }
        }
    }
}
