package com.example.host;

import io.oktaconnector.api.AttributeValue;
import io.oktaconnector.api.ColumnMapping;
import io.oktaconnector.api.ConnectionSettings;
import io.oktaconnector.api.Connector;
import io.oktaconnector.api.Connectors;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ExportRequest;
import io.oktaconnector.api.ExportSummary;
import io.oktaconnector.api.Exporter;
import io.oktaconnector.api.FulfillMode;
import io.oktaconnector.api.FulfillRequest;
import io.oktaconnector.api.FulfillResult;
import io.oktaconnector.api.FulfillSummary;
import io.oktaconnector.api.LinkChange;
import io.oktaconnector.api.OrderChange;
import io.oktaconnector.api.Problem;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.api.ProvisioningOrder;
import io.oktaconnector.api.TableMapping;
import io.oktaconnector.api.TableSink;
import io.oktaconnector.okta.OktaConnector;
import io.oktaconnector.okta.OktaSettings;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The code of the README's "Use it as a library" section, compiled and run by a project that knows okta-connector
 * only by its Maven coordinates. Each block between "README:" markers is copied into the README as it is here
 * (examples' ReadmeLibrarySectionTest keeps the two the same).
 */
public final class LibraryExample {

    private LibraryExample() {
    }

    /** The smallest working code. */
    // README:smallest
    public static ExportSummary export(Path settingsFile, Path outputDir) {
        OktaSettings settings = OktaSettings.load(settingsFile, "OktaExportFulfillment");
        return OktaConnector.export(settings, outputDir); // five CSV files, published together or not at all
    }
    // README:end

    /** Columns chosen in code, rows into the host's own sink. */
    // README:mapping
    public static ExportSummary exportInto(OktaSettings settings, TableSink sink) {
        EntityMapping mapping = new EntityMapping(List.of(new TableMapping(
                settings.connectionId() + "_users", "User", List.of(
                        new ColumnMapping("Id", "id", "id"),                     // header, Okta path, property
                        new ColumnMapping("Login", "profile.login", "profile_login"),
                        new ColumnMapping("Department", "profile.department", "profile_department")))));
        try (OktaConnector okta = OktaConnector.create(settings)) {           // holds a connection pool: close it
            List<Problem> unknown = okta.check(mapping);                      // reaches the org, checks the paths
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("columns the org does not have: " + unknown);
            }
            return okta.export(new ExportRequest(sink, mapping, ProgressListener.NONE)); // committed, or aborted
        }
    }
    // README:end

    /** A typed order: create a user and add it to a group. */
    // README:fulfill
    public static FulfillResult createUserInGroup(OktaSettings settings, String login, String groupId) {
        Map<String, AttributeValue> profile = new LinkedHashMap<>();
        profile.put("profile.login", AttributeValue.of(login));
        profile.put("profile.email", AttributeValue.of(login));
        profile.put("profile.firstName", AttributeValue.of("Ada"));
        profile.put("profile.lastName", AttributeValue.of("Lovelace"));
        ProvisioningOrder order = new ProvisioningOrder("3930001", "User", new OrderChange.Added(profile,
                List.of(new LinkChange("Groups", LinkChange.Operation.ADD, List.of(groupId)))));

        try (OktaConnector okta = OktaConnector.create(settings)) {
            FulfillSummary summary = okta.fulfill(FulfillRequest.of(List.of(order), FulfillMode.APPLY));
            return summary.results().get(0); // one result per order, Executed or Errored: a refusal is not thrown
        }
    }
    // README:end

    /** A connector by name, through the SPI: the host's code names no Okta class. */
    // README:byname
    public static ExportSummary exportByName(String connector, ConnectionSettings settings, TableSink sink) {
        try (Connector c = Connectors.factory(connector).create(settings)) { // ServiceLoader; same checks as the file
            return ((Exporter) c).export(ExportRequest.of(sink));             // Exporter, Fulfiller: what it supports
        }
    }
    // README:end
}
