package io.oktaconnector.examples.code;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.ExportSummary;
import io.oktaconnector.api.Secret;
import io.oktaconnector.api.TableWriter;
import io.oktaconnector.okta.OktaConnector;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.simulator.FaultHandle;
import io.oktaconnector.simulator.FaultRule;
import io.oktaconnector.simulator.OktaSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs {@link JsonLinesSinkExample} against the simulator: the JSON lines hold exactly what the CSV export holds. */
class JsonLinesSinkTest {

    private static final String ID = "OktaExportFulfillment";
    private static final List<String> SUFFIXES = List.of("users", "groups", "apps", "groupsusers", "groupsapps");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static OktaSimulator sim;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        sim = OktaSimulator.builder().seed(9).users(430).groups(16).apps(9).hostileValues(true).start();
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
    void everyRowOfTheCsvExportIsOneJsonObjectKeyedByItsHeaders() throws IOException {
        Path jsonDir = tmp.resolve("jsonl");
        Path csvDir = tmp.resolve("csv");

        ExportSummary summary = JsonLinesSinkExample.export(settings(), jsonDir);
        OktaConnector.export(settings(), csvDir);

        assertThat(files(jsonDir)).containsExactlyInAnyOrderElementsOf(
                SUFFIXES.stream().map(s -> ID + "_" + s + ".jsonl").toList());
        for (String suffix : SUFFIXES) {
            List<List<String>> csv = CustomMappingExampleTest.read(csvDir.resolve(ID + "_" + suffix + ".csv"));
            List<String> header = csv.get(0);
            List<String> lines = Files.readAllLines(jsonDir.resolve(ID + "_" + suffix + ".jsonl"), StandardCharsets.UTF_8);
            assertThat(lines).as(suffix).hasSize(csv.size() - 1);
            assertThat(summary.rowsPerTable()).containsEntry(ID + "_" + suffix, (long) lines.size());
            List<List<String>> fromJson = new ArrayList<>();
            for (String line : lines) {
                JsonNode o = JSON.readTree(line);
                List<String> keys = new ArrayList<>();
                o.fieldNames().forEachRemaining(keys::add);
                assertThat(keys).as(suffix + " keys").isEqualTo(header);
                List<String> values = new ArrayList<>();
                for (String h : header) {
                    values.add(o.get(h).isNull() ? "" : o.get(h).asText());
                }
                fromJson.add(values);
            }
            assertThat(sorted(fromJson)).as(suffix).isEqualTo(sorted(csv.subList(1, csv.size())));
        }
    }

    @Test
    void aFailedExportLeavesThePreviousFilesAndNoTemporaryFile() throws IOException {
        JsonLinesSinkExample.export(settings(), tmp);
        Map<String, byte[]> before = new HashMap<>();
        for (String f : files(tmp)) {
            before.put(f, Files.readAllBytes(tmp.resolve(f)));
        }

        FaultHandle fault = sim.faults().add(FaultRule.on("GET", "/api/v1/apps").status(403));
        try {
            assertThatThrownBy(() -> JsonLinesSinkExample.export(settings(), tmp))
                    .isInstanceOfSatisfying(ConnectorException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
        } finally {
            fault.remove();
        }

        assertThat(files(tmp)).containsExactlyInAnyOrderElementsOf(before.keySet());
        for (Map.Entry<String, byte[]> e : before.entrySet()) {
            assertThat(Files.readAllBytes(tmp.resolve(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void rowsAreInvisibleUntilCommitAndAbortDeletesThem() throws IOException {
        try (JsonLinesSink sink = new JsonLinesSink(tmp)) {
            TableWriter w = sink.open("T_users", List.of("id", "profile.city"));
            w.write(Arrays.asList("00u1", null));
            w.write(List.of("00u2", "Zürich, \"CH\"\n"));
            assertThat(w.rows()).isEqualTo(2);
            assertThat(sink.file("T_users")).doesNotExist();
            sink.commit();
        }
        assertThat(Files.readAllLines(tmp.resolve("T_users.jsonl"), StandardCharsets.UTF_8)).containsExactly(
                "{\"id\":\"00u1\",\"profile.city\":null}", "{\"id\":\"00u2\",\"profile.city\":\"Zürich, \\\"CH\\\"\\n\"}");

        try (JsonLinesSink sink = new JsonLinesSink(tmp)) {
            sink.open("T_users", List.of("id")).write(List.of("00u3"));
            sink.open("T_groups", List.of("id")).write(List.of("00g1"));
            sink.abort();
        }
        assertThat(files(tmp)).containsExactly("T_users.jsonl");
        assertThat(Files.readAllLines(tmp.resolve("T_users.jsonl"), StandardCharsets.UTF_8)).hasSize(2);
    }

    @Test
    void aRowWithTheWrongNumberOfValuesIsRefused() {
        try (JsonLinesSink sink = new JsonLinesSink(tmp)) {
            TableWriter w = sink.open("T_users", List.of("id", "status"));

            assertThatThrownBy(() -> w.write(List.of("00u1")))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
            assertThatThrownBy(() -> sink.open("T_users", List.of("id")))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
        }
    }

    @Test
    void mainExportsItsOwnSimulatedOrg() throws IOException {
        JsonLinesSinkExample.main(new String[] {tmp.toString()});

        assertThat(files(tmp)).hasSize(5);
        assertThat(Files.readAllLines(tmp.resolve(ID + "_users.jsonl"), StandardCharsets.UTF_8)).hasSize(200);
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<List<String>> sorted(List<List<String>> rows) {
        List<List<String>> copy = new ArrayList<>(rows);
        copy.sort((a, b) -> {
            Iterator<String> x = a.iterator();
            Iterator<String> y = b.iterator();
            while (x.hasNext() && y.hasNext()) {
                int c = x.next().compareTo(y.next());
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a.size(), b.size());
        });
        return copy;
    }
}
