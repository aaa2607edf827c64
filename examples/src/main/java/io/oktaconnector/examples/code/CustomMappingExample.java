package io.oktaconnector.examples.code;

import io.oktaconnector.api.ColumnMapping;
import io.oktaconnector.api.Connectors;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ExportSummary;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.api.Secret;
import io.oktaconnector.api.TableMapping;
import io.oktaconnector.okta.OktaConnector;
import io.oktaconnector.okta.OktaConnectorFactory;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.okta.OktaTable;
import io.oktaconnector.simulator.OktaSimulator;

import java.nio.file.Path;
import java.util.List;

/**
 * Example: an entity mapping built in code (the same thing the XML {@code EntityTypeMapping} elements describe), used
 * for an export.
 *
 * <p>The users table gets six columns with the host's own headers, in this order; the groups table three; the apps
 * and the two link tables, which the mapping does not name, keep their default columns. A column's path is a dotted
 * path into Okta's JSON ({@code profile.department}), matched exactly first, then ignoring case; its property is the
 * host's identifier for the value (used when fulfilling orders).
 *
 * <pre>
 * java -cp examples/target/okta-connector.jar io.oktaconnector.examples.code.CustomMappingExample [OUTPUT_DIR]
 * </pre>
 * Without a settings file it starts a small simulated org on 127.0.0.1 and exports that.
 */
public final class CustomMappingExample {

    private CustomMappingExample() {
    }

    /**
     * @param connectionId the connection identifier (table names are {@code <connectionId>_users}, …)
     * @return the mapping: users and groups with chosen columns, the other tables with their defaults
     */
    public static EntityMapping mapping(String connectionId) {
        TableMapping users = new TableMapping(OktaTable.USERS.tableName(connectionId), "User", List.of(
                new ColumnMapping("Id", "id", "id"),
                new ColumnMapping("Login", "profile.login", "profile_login"),
                new ColumnMapping("Email", "profile.email", "profile_email"),
                new ColumnMapping("DisplayName", "profile.displayName", "profile_displayName"),
                new ColumnMapping("Department", "profile.department", "profile_department"),
                new ColumnMapping("Status", "status", "status")));
        TableMapping groups = new TableMapping(OktaTable.GROUPS.tableName(connectionId), "Group", List.of(
                new ColumnMapping("Id", "id", "id"),
                new ColumnMapping("Name", "profile.name", "profile_name"),
                new ColumnMapping("Type", "type", "type")));
        return new EntityMapping(List.of(users, groups));
    }

    /**
     * Exports with {@link #mapping(String)} into CSV files.
     *
     * @param settings  the connection
     * @param outputDir where the five CSV files go
     * @return rows per table, requests, time
     */
    public static ExportSummary export(OktaSettings settings, Path outputDir) {
        try (OktaConnector okta = Connectors.factory("Okta", OktaConnectorFactory.class).create(settings)) {
            return okta.export(outputDir, mapping(settings.connectionId()), ProgressListener.NONE);
        }
    }

    /**
     * Exports a small simulated org with the custom mapping.
     *
     * @param args optional: the output folder (default {@code CustomMappingOutput})
     */
    public static void main(String[] args) {
        Path output = Path.of(args.length > 0 ? args[0] : "CustomMappingOutput");
        try (OktaSimulator sim = OktaSimulator.builder().users(200).groups(20).apps(5).start()) {
            OktaSettings settings = OktaSettings.builder()
                    .connectionId("OktaExportFulfillment")
                    .server(sim.baseUrl())
                    .apiKey(Secret.of(sim.token()))
                    .allowInsecureHttp(true) // plain http is accepted only for a loopback host
                    .build();
            ExportSummary summary = export(settings, output);
            summary.rowsPerTable().forEach((table, rows) -> System.out.println(table + ": " + rows + " rows"));
            System.out.println("written to " + output.toAbsolutePath());
        }
    }
}
