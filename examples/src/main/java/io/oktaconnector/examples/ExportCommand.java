package io.oktaconnector.examples;

import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.okta.EntityMappings;
import io.oktaconnector.okta.OktaSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code export --settings FILE --connection ID --output DIR [--mapping FILE]}. */
@Command(name = "export", sortOptions = false,
        description = {"Exports users, groups, applications, group memberships and application-group assignments "
                + "into five CSV files: <ID>_users.csv, <ID>_groups.csv, <ID>_apps.csv, <ID>_groupsusers.csv, "
                + "<ID>_groupsapps.csv. All five are published together, or none (the previous files stay as they were).",
                "A summary goes to stdout; progress to stderr when it is a terminal."})
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    OktaConnectorCli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "The output directory, created if missing.")
    Path output;

    @Option(names = "--mapping", paramLabel = "FILE",
            description = "An XML file with EntityTypeMapping elements (ConnectionTable=\"<ID>_users\", "
                    + "ConnectionColumn=\"profile.city\", ...); tables it does not name keep their default columns.")
    Path mapping;

    @Override
    public Integer call() {
        OktaSettings settings = cli.registerSecrets(OktaSettings.load(connection.settings, connection.connection));
        EntityMapping entityMapping = mapping == null ? EntityMapping.DEFAULTS
                : EntityMappings.read(mapping, settings.connectionId());
        new ExportRunner(spec.commandLine().getOut(), spec.commandLine().getErr(), cli.interactive())
                .export(settings, entityMapping, output);
        return OktaConnectorCli.OK;
    }
}
