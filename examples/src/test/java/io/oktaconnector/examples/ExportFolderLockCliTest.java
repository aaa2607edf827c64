package io.oktaconnector.examples;

import io.oktaconnector.csv.CsvAppender;
import io.oktaconnector.simulator.OktaSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two CLI exports of two orgs (two simulators, one connection identifier) into one output folder, each in its own
 * JVM and started together (issue 13, broken #2): both end well (the second waited its turn) or the second fails with
 * the one TIMEOUT line, and the five files always come from one org. A few rounds only (two JVMs cost a second or
 * two a round); {@code connector-csv}'s {@code CsvTableSinkLockTest} runs 200 rounds of the sink in two processes.
 */
class ExportFolderLockCliTest {
    private static final String ID = "Shared";
    private static final List<String> FILES = CliTestSupport.SUFFIXES.stream().map(s -> ID + "_" + s + ".csv").toList();

    /** The five files, each as header then sorted rows: which org they come from, whatever the link rows' order. */
    private static Map<String, List<List<String>>> files(Path dir) throws Exception {
        Map<String, List<List<String>>> all = new LinkedHashMap<>();
        for (String f : FILES) {
            List<List<String>> rows = new ArrayList<>(CsvAppender.readAll(dir.resolve(f)));
            List<List<String>> body = new ArrayList<>(rows.subList(1, rows.size()));
            body.sort((a, b) -> String.join("\u0001", a).compareTo(String.join("\u0001", b)));
            List<List<String>> sorted = new ArrayList<>();
            sorted.add(rows.get(0));
            sorted.addAll(body);
            all.put(f, sorted);
        }
        return all;
    }

    private static Path settings(Path dir, String name, OktaSimulator sim, int lockWaitSeconds) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, "{\"Connections\":{\"" + ID + "\":{\"Server\":\"" + sim.baseUrl() + "\",\"ApiKey\":\""
                + sim.token() + "\",\"AllowInsecureHttp\":true,\"OutputLockWaitSeconds\":" + lockWaitSeconds + "}}}");
        return f;
    }

    private static Process export(Path dir, Path settings, Path output, String name) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(javaBin, "-XX:TieredStopAtLevel=1", "-cp", cp, "io.oktaconnector.examples.Main",
                "export", "--settings", settings.toString(), "--connection", ID, "--output", output.toString())
                .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile())
                .start();
    }

    @Test
    @Timeout(600)
    void twoCliExportsIntoOneFolderTakeTurnsAndPublishOneOrg(@TempDir Path dir) throws Exception {
        try (OktaSimulator simA = OktaSimulator.builder().seed(101).users(40).groups(4).apps(2).start();
             OktaSimulator simB = OktaSimulator.builder().seed(202).users(30).groups(5).apps(3).start()) {
            Path waitingA = settings(dir, "a.json", simA, 600);
            Path waitingB = settings(dir, "b.json", simB, 600);
            assertThat(CliTestSupport.cli("export", "--settings", waitingA.toString(), "--connection", ID, "--output",
                    dir.resolve("truthA").toString()).code()).isZero();
            assertThat(CliTestSupport.cli("export", "--settings", waitingB.toString(), "--connection", ID, "--output",
                    dir.resolve("truthB").toString()).code()).isZero();
            Map<String, List<List<String>>> truthA = files(dir.resolve("truthA"));
            Map<String, List<List<String>>> truthB = files(dir.resolve("truthB"));
            Path shared = dir.resolve("shared");
            // two rounds where the second waits its turn, one where neither waits (the later may fail at once)
            Path impatientA = settings(dir, "a0.json", simA, 0);
            Path impatientB = settings(dir, "b0.json", simB, 0);
            List<Path[]> rounds = List.of(new Path[] {waitingA, waitingB}, new Path[] {waitingB, waitingA},
                    new Path[] {impatientA, impatientB});
            for (int round = 0; round < rounds.size(); round++) {
                boolean waiting = round < 2;
                Process first = export(dir, rounds.get(round)[0], shared, "p1");
                Process second = export(dir, rounds.get(round)[1], shared, "p2");
                int ok = 0;
                for (String name : List.of("p1", "p2")) {
                    Process p = name.equals("p1") ? first : second;
                    assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("round %d: %s ended", round, name).isTrue();
                    String err = Files.readString(dir.resolve(name + ".err"));
                    if (p.exitValue() == 0) {
                        ok++;
                        assertThat(err).as("round %d: %s stderr", round, name).isEmpty();
                    } else {
                        assertThat(waiting).as("round %d: %s failed although it may wait: %s", round, name, err).isFalse();
                        assertThat(p.exitValue()).isEqualTo(1);
                        assertThat(err).isEqualTo("error: the output directory " + shared + " is in use by another "
                                + "export (it holds .okta-connector.lock); gave up after waiting 0 s"
                                + System.lineSeparator());
                    }
                }
                assertThat(ok).as("round %d: at least one export published", round).isPositive();
                Map<String, List<List<String>>> published = files(shared);
                List<String> from = new ArrayList<>();
                for (String f : FILES) {
                    from.add(published.get(f).equals(truthA.get(f)) ? "A"
                            : published.get(f).equals(truthB.get(f)) ? "B" : "neither");
                }
                assertThat(from).as("round %d: which org each file comes from", round)
                        .doesNotContain("neither").containsOnly(from.get(0));
            }
            try (var left = Files.list(shared)) {
                assertThat(left.map(p -> p.getFileName().toString())).as("no temporary file, manifest or lock file")
                        .containsExactlyInAnyOrderElementsOf(FILES);
            }
        }
    }
}
