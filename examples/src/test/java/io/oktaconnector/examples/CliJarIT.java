package io.oktaconnector.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.okta.OktaConnector;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.simulator.OktaSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.oktaconnector.examples.CliTestSupport.ID;
import static io.oktaconnector.examples.CliTestSupport.SUFFIXES;
import static io.oktaconnector.examples.CliTestSupport.TOKEN;
import static io.oktaconnector.examples.CliTestSupport.WRONG_TOKEN;
import static io.oktaconnector.examples.CliTestSupport.writeSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the packaged {@code okta-connector.jar} as a child process ({@code java -jar}), as a user does: the logging
 * set-up in {@code Main} and the shaded jar are only tested here. Runs in the integration-test phase, after packaging.
 */
class CliJarIT {

    private static final String PASSWORD = "Jar-Pa55word-n0t-for-your-eyes";

    private static OktaSimulator sim;
    private static Path settings;
    private static Path jar;

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws IOException {
        jar = Path.of(System.getProperty("okta.connector.jar", "target/okta-connector.jar")).toAbsolutePath();
        assertThat(jar).as("the CLI jar; run 'mvn package' first").isRegularFile();
        sim = CliTestSupport.simulator();
        settings = writeSettings(shared.resolve("settings"), sim.baseUrl(), TOKEN);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void exportWritesTheSameFilesAsTheLibraryAndLogsNoTokenEvenWhenVerbose() throws Exception {
        Path jarOut = tmp.resolve("jar");
        Path libOut = tmp.resolve("lib");

        CliTestSupport.Run r = java("export", "--settings", settings.toString(), "--connection", ID,
                "--output", jarOut.toString(), "--verbose");
        OktaConnector.export(OktaSettings.load(settings, ID), libOut);

        assertThat(r.code()).as(r.err()).isZero();
        CliTestSupport.assertSameExport(jarOut, libOut);
        assertThat(r.out()).startsWith("Exported " + ID).contains("5 files, ");
        // verbose: the connector logs at DEBUG on stderr, never a header or the token
        assertThat(r.err()).contains("DEBUG").doesNotContain(TOKEN).doesNotContain("SSWS").doesNotContain("Authorization");
        assertThat(r.out()).doesNotContain(TOKEN);
    }

    @Test
    void withoutVerboseAnExportPrintsNothingOnStderr() throws Exception {
        CliTestSupport.Run r = java("export", "--settings", settings.toString(), "--connection", ID,
                "--output", tmp.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        for (String suffix : SUFFIXES) {
            assertThat(CliTestSupport.file(tmp, suffix)).isRegularFile();
        }
    }

    @Test
    void checkSucceedsAndWithAWrongTokenPrintsExactlyOneErrorLine() throws Exception {
        CliTestSupport.Run ok = java("check", "--settings", settings.toString(), "--connection", ID);
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.err()).isEmpty();
        assertThat(ok.out()).startsWith("ok: connection " + ID);

        Path wrong = writeSettings(tmp, sim.baseUrl(), WRONG_TOKEN);
        CliTestSupport.Run bad = java("check", "--settings", wrong.toString(), "--connection", ID)
                .failedWithOneErrorLine();
        assertThat(bad.errorLine()).contains(sim.baseUrl()).doesNotContain(WRONG_TOKEN);
        assertThat(bad.out()).isEmpty();

        CliTestSupport.Run verbose = java("check", "--settings", wrong.toString(), "--connection", ID, "--verbose");
        assertThat(verbose.code()).isEqualTo(1);
        assertThat(verbose.err()).contains("error: ").doesNotContain(WRONG_TOKEN).doesNotContain("SSWS");
    }

    @Test
    void missingSettingsAreOneErrorLine() throws Exception {
        CliTestSupport.Run r = java("check", "--settings", tmp.resolve("missing.json").toString(), "--connection", ID)
                .failedWithOneErrorLine();

        assertThat(r.errorLine()).contains("missing.json");
    }

    @Test
    void helpExitsWith0AndBadUsageWith2() throws Exception {
        for (String command : List.of("export", "fulfill", "check", "protect", "demo")) {
            CliTestSupport.Run help = java(command, "--help");
            assertThat(help.code()).isZero();
            assertThat(help.out()).startsWith("Usage: okta-connector " + command);
            assertThat(help.err()).isEmpty();
        }
        CliTestSupport.Run bad = java("export", "--output");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("Usage: okta-connector export");
        CliTestSupport.Run badFulfill = java("fulfill", "--settings", settings.toString(), "--connection", ID,
                "--orders", "orders.json");
        assertThat(badFulfill.code()).isEqualTo(2);
        assertThat(badFulfill.out()).isEmpty();
        assertThat(badFulfill.err()).contains("--results").contains("Usage: okta-connector fulfill");
    }

    // ---------------------------------------------------------------- fulfill

    @Test
    void fulfillPrintsProgressAndLogsNoTokenOrPasswordEvenWhenVerbose() throws Exception {
        String group = Orders.group(sim.org(), 0);
        Orders o = new Orders();
        o.newUser("J1", "jar.one@cli.example.com").put("password", PASSWORD).putArray("Groups_add").add(group);
        o.newUser("J2", "jar.two@cli.example.com");
        o.newUser("J3", Orders.login(sim.org(), Orders.user(sim.org(), "ACTIVE", 0)));
        Path orders = o.write(tmp.resolve("orders").resolve("orders.json"));
        Path results = tmp.resolve("results.csv");

        // a dry run first: the plan on stdout, the password in neither stream, nothing sent
        long writesBefore = writes();
        CliTestSupport.Run dry = java("fulfill", "--settings", settings.toString(), "--connection", ID,
                "--orders", orders.toString(), "--results", results.toString(), "--dry-run", "--verbose");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).startsWith("OrdersCount:3" + System.lineSeparator())
                .contains("  POST /api/v1/users?activate=false {").contains("[hidden]");
        assertThat(writes()).isEqualTo(writesBefore);
        assertThat(results).doesNotExist();
        assertNoSecret(dry);

        CliTestSupport.Run r = java("fulfill", "--settings", settings.toString(), "--connection", ID,
                "--orders", orders.toString(), "--results", results.toString(), "--verbose");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().toList().subList(0, 4))
                .containsExactly("OrdersCount:3", "Progress:1", "Progress:2", "Progress:3");
        assertThat(r.out()).contains("Fulfilled 3 orders from ").contains(": 2 executed, 1 errored");
        // verbose: the connector logs at DEBUG on stderr, never a header, the token or the password
        assertThat(r.err()).contains("DEBUG");
        assertNoSecret(r);
        CliTestSupport.Csv csv = CliTestSupport.readCsv(results);
        assertThat(csv.header()).containsExactlyElementsOf(FulfillCliTest.RESULTS_HEADER);
        assertThat(csv.rows()).extracting(row -> row.get(0) + " " + row.get(1))
                .containsExactlyInAnyOrder("J1 Executed", "J2 Executed", "J3 Errored");
        String created = Orders.userIdByLogin(sim.org(), "jar.one@cli.example.com");
        assertThat(created).isNotNull();
        assertThat(sim.org().isMember(group, created)).isTrue();
        assertThat(orders.resolveSibling("Completed").resolve("orders.json")).isRegularFile();
        assertThat(Files.readString(results)).doesNotContain(PASSWORD);
    }

    @Test
    void withoutVerboseFulfillPrintsNothingOnStderrAndANotJsonFileIsOneErrorLine() throws Exception {
        Orders o = new Orders();
        o.newUser("Q1", "quiet@cli.example.com");
        Path results = tmp.resolve("results.csv");
        CliTestSupport.Run ok = java("fulfill", "--settings", settings.toString(), "--connection", ID,
                "--orders", o.write(tmp.resolve("quiet.json")).toString(), "--results", results.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.err()).isEmpty();

        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "<ProvisioningOrdersList/>", StandardCharsets.UTF_8);
        CliTestSupport.Run r = java("fulfill", "--settings", settings.toString(), "--connection", ID,
                "--orders", bad.toString(), "--results", results.toString()).failedWithOneErrorLine();
        assertThat(r.errorLine()).contains("bad.json");
        assertThat(r.out()).isEmpty();
        assertThat(bad).isRegularFile();
    }

    @Test
    void aRunKilledInTheMiddleOfAFileIsResumedByTheNextRunAndNoOrderRunsTwice() throws Exception {
        int n = 12;
        // a slow org and one order at a time: the kill lands in the middle of the file
        try (OktaSimulator slow = OktaSimulator.builder().seed(5).users(10).groups(4).apps(2).token(TOKEN)
                .latency(Duration.ofMillis(120), Duration.ZERO).start()) {
            Path slowSettings = writeSettings(tmp.resolve("slow"), slow.baseUrl(), TOKEN);
            ObjectMapper json = new ObjectMapper();
            ObjectNode root = (ObjectNode) json.readTree(slowSettings.toFile());
            ((ObjectNode) root.path("Connections").path(ID)).put("MaxConcurrency", 1);
            json.writeValue(slowSettings.toFile(), root);
            Orders o = new Orders();
            for (int i = 1; i <= n; i++) {
                o.newUser(String.format("K%02d", i), String.format("k%02d@kill.example.com", i));
            }
            Path folder = tmp.resolve("orders");
            o.write(folder.resolve("orders.json"));
            Path results = tmp.resolve("results.csv");
            String[] args = {"fulfill", "--settings", slowSettings.toString(), "--connection", ID,
                    "--orders", folder.toString(), "--results", results.toString()};

            Process p = start(args);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null && !line.equals("Progress:3")) {
                    assertThat(line).matches("OrdersCount:12|Progress:[12]");
                }
                assertThat(line).as("the run ended before its third order").isEqualTo("Progress:3");
                p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
                assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
            }
            assertThat(folder.resolve("Completed").resolve("orders.json")).isRegularFile();
            int rowsAfterKill = CliTestSupport.readCsv(results).rows().size();
            assertThat(rowsAfterKill).isBetween(3, n - 1);

            CliTestSupport.Run resumed = java(args);

            assertThat(resumed.code()).as(resumed.err()).isZero();
            List<String> lines = resumed.out().lines().toList();
            int pending = Integer.parseInt(lines.get(0).substring("OrdersCount:".length()));
            assertThat(pending).isBetween(1, n - 3);
            assertThat(lines.subList(1, pending + 1)).last().isEqualTo("Progress:" + pending);
            CliTestSupport.Csv csv = CliTestSupport.readCsv(results);
            assertThat(csv.rows()).extracting(row -> row.get(0)).doesNotHaveDuplicates().hasSize(n);
            assertThat(csv.rows()).allSatisfy(row -> assertThat(row.get(1)).as(row.get(2)).isEqualTo("Executed"));
            // every user exists once, and was sent once: the resumed run re-sent no create
            for (int i = 1; i <= n; i++) {
                String login = String.format("k%02d@kill.example.com", i);
                assertThat(slow.org().users().filter(u -> u.path("profile").path("login").asText().equals(login)))
                        .as(login).hasSize(1);
                assertThat(slow.requests().count(q -> q.method().equals("POST") && q.path().equals("/api/v1/users")
                        && q.body().contains("\"" + login + "\""))).as(login).isEqualTo(1);
            }
            // the next run has nothing left to do
            CliTestSupport.Run idle = java(args);
            assertThat(idle.out()).startsWith("OrdersCount:0" + System.lineSeparator());
            assertThat(CliTestSupport.readCsv(results).rows()).hasSize(n);
        }
    }

    // ---------------------------------------------------------------- protect

    @Test
    void protectedSettingsAreOpenedWithAKeyStorePasswordFromTheEnvironment() throws Exception {
        Path dir = tmp.resolve("protected");
        Path plain = writeSettings(dir, sim.baseUrl(), TOKEN);
        Path store = KeyStores.rsa(dir, "settings-key");
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(plain.toFile());
        root.putObject("EncryptionCertificate").put("File", "settings-key.p12")
                .put("Password", "${env:OKTA_CONNECTOR_IT_P12_PASSWORD}");
        json.writeValue(plain.toFile(), root);

        CliTestSupport.Run r = java(Map.of(), "protect", "--settings", plain.toString(),
                "--certificate", KeyStores.certificateOf(store).toString(), "--verbose");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Protected 1 credential of ").contains("  Connections." + ID + ".ApiKey");
        assertThat(Files.readString(plain)).doesNotContain(TOKEN);
        assertThat(Files.readString(dir.resolve("appsettings.encrypted.agent.json"))).doesNotContain(TOKEN);
        assertNoSecret(r);

        CliTestSupport.Run checked = java(Map.of("OKTA_CONNECTOR_IT_P12_PASSWORD", KeyStores.PASSWORD),
                "check", "--settings", plain.toString(), "--connection", ID, "--verbose");
        assertThat(checked.code()).as(checked.err()).isZero();
        assertThat(checked.out()).startsWith("ok: connection " + ID);
        assertNoSecret(checked);
        assertThat(checked.err()).doesNotContain(KeyStores.PASSWORD);

        // without the variable the key store cannot be opened: one error line, and still no secret
        CliTestSupport.Run locked = java(Map.of(), "check", "--settings", plain.toString(), "--connection", ID)
                .failedWithOneErrorLine();
        assertThat(locked.errorLine()).contains("OKTA_CONNECTOR_IT_P12_PASSWORD");
        assertNoSecret(locked);
    }

    private long writes() {
        return sim.requests().count(q -> !q.method().equals("GET"));
    }

    private static void assertNoSecret(CliTestSupport.Run r) {
        for (String stream : List.of(r.out(), r.err())) {
            assertThat(stream).doesNotContain(TOKEN).doesNotContain("SSWS").doesNotContain("Authorization")
                    .doesNotContain(PASSWORD);
        }
    }

    @Test
    void demoRunsFromTheJarAndNeverShowsItsToken() throws Exception {
        Path out = tmp.resolve("demo");

        // --verbose before the command: Main sees it before picocli does, and logging is on from the start
        CliTestSupport.Run r = java("--verbose", "demo", "--output", out.toString());

        assertThat(r.code()).as(r.err()).isZero();
        // the simulator's tokens all begin with 00sim
        assertThat(r.err()).contains("DEBUG").doesNotContain("00sim").doesNotContain("SSWS");
        assertThat(r.out()).contains("5 files, ").doesNotContain("00sim")
                .contains("== Fulfill").containsPattern("\nDEMO-08 +Errored +")
                .contains("8 orders: 7 executed, 1 errored");
        assertThat(CliTestSupport.csvFiles(out)).hasSize(5);
        assertThat(CliTestSupport.readCsv(CliTestSupport.file(out, "users")).rows()).hasSize(DemoCommand.USERS);
    }

    /** Starts {@code java -jar okta-connector.jar args} in {@link #tmp}, stdin closed, stdout piped, stderr discarded. */
    private Process start(String... args) throws IOException {
        Process p = new ProcessBuilder(command(args)).directory(tmp.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        return p;
    }

    private static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Dfile.encoding=UTF-8");
        // short-lived JVMs on a small shared machine: the quick compiler and one GC thread start faster and take less
        // CPU; neither changes what the jar does
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs {@code java -jar okta-connector.jar args} in {@link #tmp} with stdin closed; stdout and stderr as UTF-8. */
    private CliTestSupport.Run java(String... args) throws IOException, InterruptedException {
        return java(Map.of(), args);
    }

    /** As {@link #java(String...)}, with more environment variables. */
    private CliTestSupport.Run java(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = command(args);
        Path stdout = Files.createTempFile("okta-connector-it-", ".out");
        Path stderr = Files.createTempFile("okta-connector-it-", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().remove("OKTA_CONNECTOR_IT_P12_PASSWORD");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close(); // no stdin, as in CI
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("java -jar " + String.join(" ", args) + " did not end within 3 minutes");
        }
        CliTestSupport.Run r = new CliTestSupport.Run(p.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
        Files.delete(stdout);
        Files.delete(stderr);
        return r;
    }
}
