package io.oktaconnector.examples;

import io.oktaconnector.api.FulfillResult;
import io.oktaconnector.api.FulfillSummary;
import io.oktaconnector.api.PlannedCall;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code fulfill} and the demo print: the summary, the dry-run plan, the results table. */
final class FulfillReport {

    private static final String NL = System.lineSeparator();

    private FulfillReport() {
    }

    /**
     * <pre>
     * Fulfilled 8 orders from /data/orders: 7 executed, 1 errored
     * Results appended to /data/results.csv (31 requests, 0.6 s)
     * </pre>
     */
    static String summary(Path orders, Path results, FulfillSummary summary) {
        // the counts, not the results: a large run keeps only its first results in memory
        long n = summary.orderCount();
        long errored = summary.errored();
        return String.format(Locale.ROOT, "Fulfilled %s from %s: %d executed, %d errored%n"
                        + "Results appended to %s (%s, %s)%n",
                count(n, "order"), orders.toAbsolutePath().normalize(), n - errored, errored,
                results.toAbsolutePath().normalize(), count(summary.requests(), "request"),
                ExportReport.seconds(summary.elapsed()));
    }

    /**
     * The dry run's plan, one block per order in the orders' order: the order's line (assignment id, change type,
     * state and message), then one line per call it would send (method, path, body with its secrets masked by the
     * connector), then the totals.
     *
     * <pre>
     * Dry run of /data/orders: nothing was sent, moved or written
     * 3930001 Added Executed: dry run, nothing sent: created user jbond@example.com
     *   POST /api/v1/users?activate=false {"profile":{"login":"jbond@example.com"},"credentials":{"password":{"value":"[hidden]"}}}
     *   POST /api/v1/users/{new}/lifecycle/activate?sendEmail=false
     * 2 orders, 3 calls planned (4 read requests, 0.2 s)
     * </pre>
     */
    static String plan(Path orders, FulfillSummary summary) {
        Map<String, List<PlannedCall>> byOrder = new LinkedHashMap<>();
        for (PlannedCall c : summary.plan()) {
            byOrder.computeIfAbsent(c.assignmentId(), k -> new ArrayList<>()).add(c);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Dry run of ").append(orders.toAbsolutePath().normalize())
                .append(": nothing was sent, moved or written").append(NL);
        for (FulfillResult r : summary.results()) {
            sb.append(r.assignmentId()).append(' ').append(r.changeType() == null ? "?" : r.changeType().name())
                    .append(' ').append(r.state().name()).append(": ").append(oneLine(r.message())).append(NL);
            // remove: an id repeated in another file lists its calls once, under its first order
            calls(sb, byOrder.remove(r.assignmentId()));
        }
        // calls of an order without a result cannot happen; shown rather than dropped if they ever do
        byOrder.forEach((id, calls) -> {
            sb.append(id).append(NL);
            calls(sb, calls);
        });
        if (!summary.complete()) {
            sb.append(String.format(Locale.ROOT, "... and %s more, not listed (the plan lists the first %d)%n",
                    count(summary.orderCount() - summary.results().size(), "order"), summary.results().size()));
        }
        sb.append(String.format(Locale.ROOT, "%s, %s planned%s (%s, %s)%n", count(summary.orderCount(), "order"),
                count(summary.plan().size(), "call"), summary.complete() ? "" : " for those listed",
                count(summary.requests(), "read request"), ExportReport.seconds(summary.elapsed())));
        return sb.toString();
    }

    /** @return e.g. {@code 1 order}, {@code 2 orders} */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static void calls(StringBuilder sb, List<PlannedCall> calls) {
        if (calls == null) {
            return;
        }
        for (PlannedCall c : calls) {
            sb.append("  ").append(c.method()).append(' ').append(c.target());
            if (!c.body().isEmpty()) {
                sb.append(' ').append(oneLine(c.body()));
            }
            sb.append(NL);
        }
    }

    /**
     * A small fixed-width table of results: AssignmentId, State, Message (cut to {@code messageWidth}), ResourceId.
     */
    static String table(List<FulfillResult> results, int messageWidth) {
        int idWidth = Math.max("AssignmentId".length(),
                results.stream().mapToInt(r -> r.assignmentId().length()).max().orElse(0));
        String format = "%-" + idWidth + "s  %-8s  %-" + messageWidth + "s  %s%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, format, "AssignmentId", "State", "Message", "ResourceId"));
        for (FulfillResult r : results) {
            sb.append(String.format(Locale.ROOT, format, r.assignmentId(), r.state().name(),
                    cut(oneLine(r.message()), messageWidth), r.resourceId() == null ? "" : r.resourceId()));
        }
        return sb.toString();
    }

    private static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 3) + "...";
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
