package io.oktaconnector.examples;

import io.oktaconnector.okta.OktaConnector;
import io.oktaconnector.okta.OktaSettings;
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
import java.util.List;
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
        for (String command : List.of("export", "check", "demo")) {
            CliTestSupport.Run help = java(command, "--help");
            assertThat(help.code()).isZero();
            assertThat(help.out()).startsWith("Usage: okta-connector " + command);
            assertThat(help.err()).isEmpty();
        }
        CliTestSupport.Run bad = java("export", "--output");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("Usage: okta-connector export");
    }

    @Test
    void demoRunsFromTheJarAndNeverShowsItsToken() throws Exception {
        Path out = tmp.resolve("demo");

        // --verbose before the command: Main sees it before picocli does, and logging is on from the start
        CliTestSupport.Run r = java("--verbose", "demo", "--output", out.toString());

        assertThat(r.code()).as(r.err()).isZero();
        // the simulator's tokens all begin with 00sim
        assertThat(r.err()).contains("DEBUG").doesNotContain("00sim").doesNotContain("SSWS");
        assertThat(r.out()).contains("5 files, ").doesNotContain("00sim");
        assertThat(CliTestSupport.csvFiles(out)).hasSize(5);
        assertThat(CliTestSupport.readCsv(CliTestSupport.file(out, "users")).rows()).hasSize(DemoCommand.USERS);
    }

    /** Runs {@code java -jar okta-connector.jar args} in {@link #tmp} with stdin closed; stdout and stderr as UTF-8. */
    private CliTestSupport.Run java(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Dfile.encoding=UTF-8");
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(List.of(args));
        Path stdout = Files.createTempFile("okta-connector-it-", ".out");
        Path stderr = Files.createTempFile("okta-connector-it-", ".err");
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
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
