package io.oktaconnector.examples;

import io.oktaconnector.okta.OktaConnector;
import io.oktaconnector.okta.OktaSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code check --settings FILE --connection ID}. */
@Command(name = "check", sortOptions = false,
        description = "Reaches the org and proves the credentials and their read permissions "
                + "(one user, one group, one application, the user and group schemas). Prints one line on success.")
final class CheckCommand implements Callable<Integer> {

    @ParentCommand
    OktaConnectorCli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        OktaSettings settings = cli.registerSecrets(OktaSettings.load(connection.settings, connection.connection));
        long start = System.nanoTime();
        long requests;
        try (OktaConnector okta = OktaConnector.create(settings)) {
            okta.check();
            requests = okta.stats().requests();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        PrintWriter out = spec.commandLine().getOut();
        out.println("ok: connection " + settings.connectionId() + " reached " + settings.server()
                + "; credentials accepted, users, groups, applications and schemas readable ("
                + requests + " requests, " + ExportReport.seconds(took) + ")");
        out.flush();
        return OktaConnectorCli.OK;
    }
}
