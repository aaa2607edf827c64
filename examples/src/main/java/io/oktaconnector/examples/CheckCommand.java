package io.oktaconnector.examples;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.Problem;
import io.oktaconnector.okta.EntityMappings;
import io.oktaconnector.okta.OktaConnector;
import io.oktaconnector.okta.OktaSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code check --settings FILE --connection ID [--mapping FILE]}. */
@Command(name = "check", sortOptions = false,
        description = {"Reaches the org and proves the credentials and their read permissions "
                + "(one user, one group, one application, the user and group schemas). Prints one line on success.",
                "With --mapping, also checks every mapped column against the org: a profile attribute its user or "
                        + "group schema does not define, or a field Okta's objects do not have, fails the check with "
                        + "the nearest known name."})
final class CheckCommand implements Callable<Integer> {

    @ParentCommand
    OktaConnectorCli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--mapping", paramLabel = "FILE",
            description = "An XML file with EntityTypeMapping elements whose ConnectionColumn paths to check.")
    Path mapping;

    @Override
    public Integer call() {
        OktaSettings settings = cli.registerSecrets(OktaSettings.load(connection.settings, connection.connection));
        // read before the network: a mapping that is not XML fails without a request
        EntityMapping entityMapping = mapping == null ? null : EntityMappings.read(mapping, settings.connectionId());
        long start = System.nanoTime();
        long requests;
        List<Problem> problems = List.of();
        try (OktaConnector okta = CliConnectors.create(settings)) {
            if (entityMapping == null) {
                okta.check();
            } else {
                problems = okta.check(entityMapping);
            }
            requests = okta.stats().requests();
        }
        if (!problems.isEmpty()) {
            throw new ConnectorException(ErrorCode.INVALID_MAPPING, "the mapping " + mapping + " names "
                    + (problems.size() == 1 ? "a column" : problems.size() + " columns")
                    + " the org does not have: " + listed(problems));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        PrintWriter out = spec.commandLine().getOut();
        out.println("ok: connection " + settings.connectionId() + " reached " + settings.server()
                + "; credentials accepted, users, groups, applications and schemas readable"
                + (entityMapping == null ? "" : "; every column of " + columns(entityMapping) + " is known")
                + " (" + requests + " requests, " + ExportReport.seconds(took) + ")");
        out.flush();
        return OktaConnectorCli.OK;
    }

    /** One problem as it is; several numbered, since a problem's own text may hold a semicolon. */
    private static String listed(List<Problem> problems) {
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < problems.size(); i++) {
            sb.append(i == 0 ? "" : " ").append('(').append(i + 1).append(") ").append(problems.get(i));
        }
        return sb.toString();
    }

    private String columns(EntityMapping m) {
        int n = m.tables().stream().mapToInt(t -> t.columns().size()).sum();
        return "the mapping " + mapping.getFileName() + " (" + n + (n == 1 ? " column" : " columns") + ")";
    }
}
