package io.oktaconnector.examples.code;

import com.fasterxml.jackson.databind.JsonNode;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import io.oktaconnector.api.ExportSummary;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.simulator.OktaSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@link CustomMappingExample} against the simulator and checks every mapped value against its ground truth. */
class CustomMappingExampleTest {

    private static final String ID = "OktaExportFulfillment";
    private static OktaSimulator sim;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        sim = OktaSimulator.builder().seed(5).users(420).groups(18).apps(7).hostileValues(true).start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static OktaSettings settings() {
        return OktaSettings.builder().connectionId(ID).server(sim.baseUrl()).apiKey(Secret.of(sim.token()))
                .allowInsecureHttp(true).build();
    }

    @Test
    void theMappedTablesHaveTheMappedColumnsAndTheOthersTheirDefaults() throws IOException {
        ExportSummary summary = CustomMappingExample.export(settings(), tmp);

        List<List<String>> users = read(tmp.resolve(ID + "_users.csv"));
        assertThat(users.get(0)).containsExactly("Id", "Login", "Email", "DisplayName", "Department", "Status");
        assertThat(users).hasSize((int) sim.org().userCount() + 1);
        for (List<String> row : users.subList(1, users.size())) {
            JsonNode truth = sim.org().user(row.get(0)).orElseThrow();
            assertThat(row).containsExactly(truth.get("id").asText(), text(truth, "profile", "login"),
                    text(truth, "profile", "email"), text(truth, "profile", "displayName"),
                    text(truth, "profile", "department"), truth.get("status").asText());
        }
        List<List<String>> groups = read(tmp.resolve(ID + "_groups.csv"));
        assertThat(groups.get(0)).containsExactly("Id", "Name", "Type");
        assertThat(groups).hasSize((int) sim.org().groupCount() + 1);
        for (List<String> row : groups.subList(1, groups.size())) {
            JsonNode truth = sim.org().group(row.get(0)).orElseThrow();
            assertThat(row).containsExactly(truth.get("id").asText(), text(truth, "profile", "name"),
                    truth.get("type").asText());
        }
        assertThat(read(tmp.resolve(ID + "_apps.csv")).get(0))
                .containsExactly("id", "created", "lastUpdated", "status", "name", "label", "signOnMode");
        assertThat(read(tmp.resolve(ID + "_groupsusers.csv")).get(0)).containsExactly("groupId", "userId");
        assertThat(summary.rowsPerTable()).containsEntry(ID + "_users", sim.org().userCount());
    }

    @Test
    void mainExportsItsOwnSimulatedOrg() throws IOException {
        CustomMappingExample.main(new String[] {tmp.toString()});

        List<List<String>> users = read(tmp.resolve(ID + "_users.csv"));
        assertThat(users.get(0)).startsWith("Id", "Login");
        assertThat(users).hasSize(200 + 1);
        try (var files = Files.list(tmp)) {
            assertThat(files.count()).isEqualTo(5);
        }
    }

    private static String text(JsonNode node, String... path) {
        JsonNode n = node;
        for (String p : path) {
            n = n == null ? null : n.get(p);
        }
        return n == null || n.isNull() ? "" : n.asText();
    }

    static List<List<String>> read(Path file) throws IOException {
        CsvParserSettings s = new CsvParserSettings();
        s.getFormat().setLineSeparator("\r\n");
        s.setIgnoreLeadingWhitespaces(false);
        s.setIgnoreTrailingWhitespaces(false);
        s.setIgnoreLeadingWhitespacesInQuotes(false);
        s.setIgnoreTrailingWhitespacesInQuotes(false);
        s.setNormalizeLineEndingsWithinQuotes(false);
        s.setNullValue("");
        s.setEmptyValue("");
        s.setMaxCharsPerColumn(-1);
        s.setMaxColumns(10_000);
        s.setSkipEmptyLines(false);
        List<List<String>> rows = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String[] row : new CsvParser(s).iterate(r)) {
                rows.add(Arrays.asList(row));
            }
        }
        return rows;
    }
}
