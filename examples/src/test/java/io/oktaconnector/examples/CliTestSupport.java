package io.oktaconnector.examples;

import io.oktaconnector.csv.CsvAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.simulator.OktaSimulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared by the CLI tests: running the CLI with captured streams, settings files, CSV reading, ground truth. */
final class CliTestSupport {

    /** The connection of the tests. */
    static final String ID = "OktaExportFulfillment";
    /** A recognisable token, so a leak is easy to find in captured output. */
    static final String TOKEN = "00cliTestTOKEN7f3a9c2e5b1d8f4a6c0e2b9d7";
    static final String WRONG_TOKEN = "00wrongTOKENe1d2c3b4a5f6e7d8c9b0a1f2e3";
    /** The five files of an export, by suffix. */
    static final List<String> SUFFIXES = List.of("users", "groups", "apps", "groupsusers", "groupsapps");

    private CliTestSupport() {
    }

    /** One CLI run: exit code and everything printed. */
    record Run(int code, String out, String err) {
        List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\\R", -1)).stream().filter(l -> !l.isEmpty()).toList();
        }

        /** Asserts the failure contract: exit 1 and exactly one {@code error:} line on stderr, nothing else there. */
        Run failedWithOneErrorLine() {
            assertThat(code).as("exit code; stderr: %s", err).isEqualTo(1);
            assertThat(err).as("stderr").endsWith(System.lineSeparator());
            assertThat(errLines()).as("stderr lines").hasSize(1);
            assertThat(errLines().get(0)).startsWith("error: ");
            return this;
        }

        String errorLine() {
            return errLines().get(0);
        }
    }

    /** Runs the CLI in this JVM with stderr not a terminal. */
    static Run cli(String... args) {
        return cli(false, args);
    }

    static Run cli(boolean interactive, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = OktaConnectorCli.run(args, o, e, interactive);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A simulator with every table on several pages and hostile values. */
    static OktaSimulator simulator() {
        return OktaSimulator.builder().seed(11).users(450).groups(25).apps(12).hostileValues(true).token(TOKEN).start();
    }

    /** Writes {@code appsettings.agent.json} with one connection and an unrelated section, as a host's file has. */
    static Path writeSettings(Path dir, String server, String token) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.putObject("Logging").put("Level", "Information");
        ObjectNode c = root.putObject("Connections").putObject(ID);
        c.put("Server", " " + server + "/"); // as the seed's own example: a leading space, and a trailing slash
        c.put("ApiKey", token);
        c.put("AllowInsecureHttp", true);
        Files.createDirectories(dir);
        Path file = dir.resolve("appsettings.agent.json");
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        return file;
    }

    static Path file(Path dir, String suffix) {
        return dir.resolve(ID + "_" + suffix + ".csv");
    }

    /** A CSV file parsed back: header and rows, every byte of every value kept. */
    record Csv(List<String> header, List<List<String>> rows) {
        List<List<String>> sortedRows() {
            return rows.stream().sorted(ROWS).toList();
        }
    }

    static final Comparator<List<String>> ROWS = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    static Csv readCsv(Path file) throws IOException {
        List<List<String>> all = CsvAppender.readAll(file);
        return new Csv(all.get(0), all.subList(1, all.size()));
    }

    /** Asserts that two export folders hold the same five files: same headers, same rows (in any order). */
    static void assertSameExport(Path actual, Path expected) throws IOException {
        assertThat(csvFiles(actual)).isEqualTo(csvFiles(expected)).hasSize(5);
        for (String suffix : SUFFIXES) {
            Csv a = readCsv(file(actual, suffix));
            Csv e = readCsv(file(expected, suffix));
            assertThat(a.header()).as(suffix + " header").isEqualTo(e.header());
            assertThat(a.sortedRows()).as(suffix + " rows").isEqualTo(e.sortedRows());
        }
    }

    /** @return the file names in a folder, sorted, hidden (temporary) ones included */
    static List<String> csvFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The row counts the simulator's ground truth gives for each of the five tables. */
    static Map<String, Long> expectedRows(OktaSimulator sim) {
        Map<String, Long> m = new TreeMap<>();
        m.put("users", sim.org().userCount());
        m.put("groups", sim.org().groupCount());
        m.put("apps", sim.org().appCount());
        m.put("groupsusers", sim.org().groups().mapToLong(g -> sim.org().memberCount(g.get("id").asText())).sum());
        m.put("groupsapps", sim.org().apps().mapToLong(a -> sim.org().appGroupAssignments(a.get("id").asText()).count()).sum());
        return m;
    }
}
