package io.oktaconnector.examples;

import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.FulfillMode;
import io.oktaconnector.api.FulfillSummary;
import io.oktaconnector.okta.EntityMappings;
import io.oktaconnector.okta.OktaSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code fulfill --settings FILE --connection ID --orders FILE|DIR --results FILE [--mapping FILE] [--dry-run]}. */
@Command(name = "fulfill", sortOptions = false,
        description = {"Applies provisioning orders (the host's JSON: ProvisioningOrdersList) to the org and appends "
                + "one result row per order to the results CSV "
                + "(AssignmentId,ProvisioningState,Message,ChangeType,ResourceId).",
                "With a folder, its *.json files are taken in name order. Each file is moved to Completed/ beside it "
                        + "before its first order runs and each result is written as its order ends; a file an "
                        + "interrupted run left unfinished is resumed by the next run, without running again an order "
                        + "that has a result.",
                "Stdout: OrdersCount:n, then Progress:k as orders end, then a summary. Exit 0 when every order got "
                        + "a result (Errored ones included); 1 when the run cannot proceed (settings, orders not "
                        + "readable or not JSON, refused credentials)."})
final class FulfillCommand implements Callable<Integer> {

    @ParentCommand
    OktaConnectorCli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--orders", required = true, paramLabel = "FILE|DIR",
            description = "An orders file, or a folder of *.json orders files (taken in name order).")
    Path orders;

    @Option(names = "--results", required = true, paramLabel = "FILE",
            description = "The results CSV, created with its header when missing, else appended to.")
    Path results;

    @Option(names = "--mapping", paramLabel = "FILE",
            description = "An XML file with EntityTypeMapping elements: the orders' entity types and property "
                    + "identifiers (default: User, Group, Application and Okta paths such as profile.city).")
    Path mapping;

    @Option(names = "--dry-run",
            description = "Plan only: print every call that would be sent (method, path, body with secrets masked), "
                    + "grouped by order. Reads the org, but sends no write, moves no file and writes no result.")
    boolean dryRun;

    @Override
    public Integer call() {
        OktaSettings settings = cli.registerSecrets(OktaSettings.load(connection.settings, connection.connection));
        EntityMapping entityMapping = mapping == null ? EntityMapping.DEFAULTS
                : EntityMappings.read(mapping, settings.connectionId());
        PrintWriter out = spec.commandLine().getOut();
        FulfillSummary summary = new FulfillRunner(out, true).fulfill(settings, entityMapping, orders, results,
                FulfillMode.of(dryRun));
        synchronized (out) {
            // the connector masks secrets in the plan; the CLI hides the credentials it knows of as well
            out.print(cli.hideSecrets(dryRun ? FulfillReport.plan(orders, summary)
                    : FulfillReport.summary(orders, results, summary)));
            out.flush();
        }
        return OktaConnectorCli.OK;
    }
}
