package io.oktaconnector.examples;

import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.FulfillMode;
import io.oktaconnector.api.FulfillSummary;
import io.oktaconnector.simulator.SimOrg;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** One step of the {@code demo} command: the export, then a small sample of provisioning orders. */
interface DemoStep {

    /** @return the heading printed before the step */
    String title();

    /**
     * Runs the step, printing its results on {@link DemoContext#out()}.
     *
     * @param ctx the demo org and its connection
     * @throws io.oktaconnector.api.ConnectorException when the step fails: the demo stops with one {@code error:} line
     */
    void run(DemoContext ctx);

    /** Exports the demo org with the default columns into the output folder. */
    final class Export implements DemoStep {
        @Override
        public String title() {
            return "Export";
        }

        @Override
        public void run(DemoContext ctx) {
            ctx.exporter().export(ctx.settings(), EntityMapping.DEFAULTS, ctx.outputDir());
        }
    }

    /**
     * Writes a small sample of orders ({@link DemoOrders}) to a file in the temporary folder, fulfills it against the
     * demo org and prints the results as a table, the whole message of each {@code Errored} order, and what changed in
     * the org.
     */
    final class Fulfill implements DemoStep {
        /** The width of the table's message column. */
        static final int MESSAGE_WIDTH = 70;

        @Override
        public String title() {
            return "Fulfill";
        }

        @Override
        public void run(DemoContext ctx) {
            SimOrg org = ctx.simulator().org();
            DemoOrders.Sample sample = DemoOrders.build(org);
            Path file = ctx.workFolder().resolve("orders").resolve("demo-orders.json");
            Path results = ctx.workFolder().resolve("results.csv");
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, sample.json(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliFailure("cannot write the demo orders into " + file.getParent() + ": " + e, e);
            }
            long users = org.userCount();
            long groups = org.groupCount();
            PrintWriter out = ctx.out();
            out.println("Fulfilling " + sample.count() + " sample orders: " + sample.description());
            out.flush();
            FulfillSummary s = ctx.fulfiller().fulfill(ctx.settings(), EntityMapping.DEFAULTS, file, results,
                    FulfillMode.APPLY);
            out.print(FulfillReport.table(s.results(), MESSAGE_WIDTH));
            // the table cuts messages; a failure's whole reason (Okta's error, causes, request id) is worth reading
            s.results().stream().filter(r -> !r.executed())
                    .forEach(r -> out.println(r.assignmentId() + " " + r.state() + ": " + r.message()));
            long errored = s.errored();
            out.printf(Locale.ROOT, "%d orders: %d executed, %d errored (%d requests, %s); "
                            + "the org now has %d users (%+d) and %d groups (%+d)%n",
                    s.results().size(), s.results().size() - errored, errored, s.requests(),
                    ExportReport.seconds(s.elapsed()), org.userCount(), org.userCount() - users, org.groupCount(),
                    org.groupCount() - groups);
            out.flush();
        }
    }
}
