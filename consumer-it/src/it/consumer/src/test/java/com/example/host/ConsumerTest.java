package com.example.host;

import io.oktaconnector.api.ConnectionSettings;
import io.oktaconnector.api.ExportSummary;
import io.oktaconnector.api.Secret;
import io.oktaconnector.api.FulfillResult;
import io.oktaconnector.api.ProvisioningState;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.simulator.OktaSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library from outside, as a host uses it: settings from the host's file, the one-liner export, an export with a
 * mapping built in code into the host's own sink, and a typed order, all against the simulator over loopback.
 */
class ConsumerTest {
    private static final String ID = "OktaExportFulfillment";
    private static OktaSimulator sim;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        sim = OktaSimulator.builder().seed(42).users(230).groups(6).apps(3).start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** A host's appsettings.agent.json: other sections beside ours. */
    private static Path settingsFile() throws IOException {
        Path file = dir.resolve("appsettings.agent.json");
        Files.writeString(file, "{ \"Logging\": { \"Level\": \"Information\" }, \"Connections\": { \"" + ID + "\": {"
                + " \"Server\": \"" + sim.baseUrl() + "\", \"ApiKey\": \"" + sim.token() + "\","
                + " \"AllowInsecureHttp\": true } } }");
        return file;
    }

    @Test
    void theOneLinerExportsFiveFilesFromTheSettingsFile() throws IOException {
        Path out = dir.resolve("ExportOutput");

        ExportSummary summary = LibraryExample.export(settingsFile(), out);

        for (String suffix : List.of("users", "groups", "apps", "groupsusers", "groupsapps")) {
            assertTrue(Files.isRegularFile(out.resolve(ID + "_" + suffix + ".csv")), suffix);
        }
        assertEquals(sim.org().userCount(), summary.rowsPerTable().get(ID + "_users"));
        assertEquals(sim.org().groupCount(), summary.rowsPerTable().get(ID + "_groups"));
        assertEquals(sim.org().appCount(), summary.rowsPerTable().get(ID + "_apps"));
        // one header line, then one line per user (the simulator's values have no line breaks unless hostile)
        assertEquals(sim.org().userCount() + 1, Files.readAllLines(out.resolve(ID + "_users.csv")).size());
    }

    @Test
    void theConnectorIsFoundByNameAndExportsIntoTheHostsSink() {
        MemorySink sink = new MemorySink();
        ConnectionSettings settings = new ConnectionSettings(ID, Map.of("Server", sim.baseUrl(),
                "AllowInsecureHttp", "true"), Map.of("ApiKey", Secret.of(sim.token())));

        ExportSummary summary = LibraryExample.exportByName("Okta", settings, sink);

        assertTrue(sink.committed());
        assertEquals(sim.org().userCount(), sink.rows(ID + "_users").size());
        assertEquals(sim.org().userCount(), summary.rowsPerTable().get(ID + "_users"));
    }

    @Test
    void aMappingBuiltInCodeGoesIntoTheHostsOwnSink() throws IOException {
        OktaSettings settings = OktaSettings.load(settingsFile(), ID);
        MemorySink sink = new MemorySink();

        ExportSummary summary = LibraryExample.exportInto(settings, sink);

        assertTrue(sink.committed());
        assertEquals(List.of("Id", "Login", "Department"), sink.header(ID + "_users"));
        List<List<String>> users = sink.rows(ID + "_users");
        assertEquals(sim.org().userCount(), users.size());
        assertEquals(summary.rowsPerTable().get(ID + "_users").longValue(), users.size());
        List<String> someone = users.get(0);
        String login = sim.org().user(someone.get(0)).orElseThrow().path("profile").path("login").asText();
        assertEquals(login, someone.get(1));
        // tables the mapping does not name keep their default columns
        assertEquals(List.of("groupId", "userId"), sink.header(ID + "_groupsusers"));
        assertFalse(sink.rows(ID + "_groupsusers").isEmpty());
    }

    @Test
    void aTypedOrderCreatesAUserInAGroup() throws IOException {
        OktaSettings settings = OktaSettings.load(settingsFile(), ID);
        String group = sim.org().groups().filter(g -> g.path("type").asText().equals("OKTA_GROUP")).findFirst()
                .orElseThrow().path("id").asText();

        FulfillResult result = LibraryExample.createUserInGroup(settings, "ada.lovelace@example.com", group);

        assertEquals(ProvisioningState.Executed, result.state(), result.message());
        String id = sim.org().user("ada.lovelace@example.com").orElseThrow().path("id").asText();
        assertEquals(id, result.resourceId());
        assertTrue(sim.org().isMember(group, id));
    }
}
