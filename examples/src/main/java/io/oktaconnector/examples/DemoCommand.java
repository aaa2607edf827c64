package io.oktaconnector.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.simulator.OktaSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code demo [--output DIR]}: starts the simulator in this JVM with a seeded demo org, writes a settings file for it
 * in a temporary folder, and runs the {@link DemoStep}s against it: the export, then a small sample of provisioning
 * orders whose results it prints as a table. Needs no settings and no network beyond 127.0.0.1; the token (and the
 * orders and results files) stay in the temporary folder, which is deleted at the end.
 */
@Command(name = "demo", sortOptions = false,
        description = {"Starts the embedded Okta simulator with a seeded demo org (" + DemoCommand.USERS + " users, "
                + DemoCommand.GROUPS + " groups, " + DemoCommand.APPS + " applications, values with commas, quotes, "
                + "line breaks and non-ASCII text), exports it to CSV files and prints a summary, then fulfills a small "
                + "sample of provisioning orders (one fails on purpose) and prints their results.",
                "Needs no settings and no network beyond 127.0.0.1."})
final class DemoCommand implements Callable<Integer> {

    static final int USERS = 3000;
    static final int GROUPS = 150;
    static final int APPS = 40;
    static final long SEED = 20240601L;
    /** The connection identifier of the demo, the seed's own. */
    static final String CONNECTION_ID = "OktaExportFulfillment";

    /** What the demo does once the org is up, in order. */
    static final List<DemoStep> STEPS = List.of(new DemoStep.Export(), new DemoStep.Fulfill());

    @ParentCommand
    OktaConnectorCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--output", paramLabel = "DIR", defaultValue = "ExportOutput",
            description = "Where the CSV files go (default: ${DEFAULT-VALUE} in the current folder).")
    Path output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path work;
        try {
            work = Files.createTempDirectory("okta-connector-demo-");
        } catch (IOException e) {
            throw new CliFailure("cannot create a temporary folder for the demo settings: " + e, e);
        }
        try (OktaSimulator sim = OktaSimulator.builder().seed(SEED).users(USERS).groups(GROUPS).apps(APPS)
                .hostileValues(true).start()) {
            out.println("Started the Okta simulator at " + sim.baseUrl() + " with a demo org: " + USERS + " users, "
                    + GROUPS + " groups, " + APPS + " applications");
            Path settingsFile;
            try {
                settingsFile = writeSettings(work, sim);
            } catch (IOException e) {
                throw new CliFailure("cannot write the demo settings into " + work + ": " + e, e);
            }
            OktaSettings settings = cli.registerSecrets(OktaSettings.load(settingsFile, CONNECTION_ID));
            out.println("Wrote the settings for connection " + CONNECTION_ID + " to " + settingsFile
                    + " (API token hidden; the folder is deleted at the end)");
            out.flush();
            DemoContext ctx = new DemoContext(sim, settings, settingsFile, work, output.toAbsolutePath().normalize(),
                    new ExportRunner(out, err, cli.interactive()), new FulfillRunner(out, false), out);
            for (DemoStep step : STEPS) {
                out.println();
                out.println("== " + step.title());
                out.flush();
                step.run(ctx);
            }
            out.flush();
        } finally {
            deleteTree(work);
        }
        return OktaConnectorCli.OK;
    }

    /** {@code appsettings.agent.json} for the simulator, readable by its owner only (it holds the token). */
    static Path writeSettings(Path folder, OktaSimulator sim) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ObjectNode connection = root.putObject("Connections").putObject(CONNECTION_ID);
        connection.put("Server", sim.baseUrl());
        connection.put("ApiKey", sim.token());
        connection.put("AllowInsecureHttp", true);
        Path file = folder.resolve("appsettings.agent.json");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        return file;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder that cannot be removed is not worth failing the demo for
        }
    }
}
